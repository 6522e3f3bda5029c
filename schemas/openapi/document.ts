import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { registerAdminPaths } from './admin-paths.js';
import { registerFederationPaths } from './federation-paths.js';
import { registerLocalPaths } from './local-paths.js';
import { registerLogPaths } from './log-paths.js';
import { registerPublicPaths } from './public-paths.js';

/** The OpenAPI 3.1 document of a Sightline node, generated from the zod schemas. */
export function buildOpenApiDocument(version: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiToken', {
    type: 'http',
    scheme: 'bearer',
    description:
      'API token of the member’s own people (`sightline token create --role reader|analyst|admin`)',
  });
  registry.registerComponent('securitySchemes', 'peerToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'Single-use JWT signed by the calling member’s pinned peer key: typ sightline-peer+jwt, alg Ed25519, claims iss, aud, iat, exp (<= 5 min), jti, op',
  });
  registerPublicPaths(registry);
  registerLocalPaths(registry);
  registerAdminPaths(registry);
  registerFederationPaths(registry);
  registerLogPaths(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Sightline node API',
      version,
      description:
        'A Sightline node stores signed observation records of technology export-control measures, exchanges them with peer nodes, and keeps a verifiable log. Errors are RFC 9457 application/problem+json with a stable `code`.',
    },
  });
}
