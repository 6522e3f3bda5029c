import type { MiddlewareHandler } from 'hono';
import { findApiToken, roleAllows } from '../../auth/api-tokens.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { ProblemError } from '../problem.js';

export interface ApiTokenAuthOptions {
  ctx: NodeContext;
  role: 'reader' | 'analyst' | 'admin';
}

const challenge = { 'www-authenticate': 'Bearer realm="sightline"' };

/** Requires `Authorization: Bearer <api token>` whose role includes `role`. */
export function apiTokenAuth(options: ApiTokenAuthOptions): MiddlewareHandler<NodeEnv> {
  return async function apiTokenAuthMiddleware(c, next) {
    const header = c.req.header('authorization');
    const match = header ? /^Bearer ([!-~]+)$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new ProblemError(
        401,
        'unauthorized',
        'an API token is required',
        'send Authorization: Bearer <token>',
        undefined,
        challenge,
      );
    }
    const token = await findApiToken(options.ctx.db, match[1]);
    if (!token) {
      throw new ProblemError(
        401,
        'invalid_token',
        'the API token is not valid',
        'unknown or revoked token',
        undefined,
        {
          'www-authenticate': 'Bearer realm="sightline", error="invalid_token"',
        },
      );
    }
    if (!roleAllows(token.role, options.role)) {
      throw new ProblemError(
        403,
        'forbidden',
        'the API token lacks the role this needs',
        `requires role ${options.role}, token has ${token.role}`,
      );
    }
    c.set('auth', { tokenId: token.id, role: token.role });
    await next();
  };
}
