import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { healthSchema, jwksSchema, nodeDocumentSchema } from '../api/node.js';
import { json } from './responses.js';

/** Unauthenticated routes: health, identity, keys. */
export function registerPublicPaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/health',
    summary: 'Liveness and database readiness',
    tags: ['node'],
    responses: { 200: json('Healthy', healthSchema), 503: json('Database unavailable', healthSchema) },
  });
  registry.registerPath({
    method: 'get',
    path: '/.well-known/sightline',
    summary: 'Who this node is: member id, version, API base, keys',
    tags: ['node'],
    responses: { 200: json('The node document', nodeDocumentSchema) },
  });
  registry.registerPath({
    method: 'get',
    path: '/.well-known/jwks.json',
    summary: "The node's public keys (current and retired)",
    tags: ['node'],
    responses: { 200: json('JWKS', jwksSchema) },
  });
}
