import type { MiddlewareHandler } from 'hono';
import type { PeerOperation } from '../../../sdk/peer/index.js';
import { isApiTokenForm } from '../../auth/api-tokens.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { peerAuth } from '../../fed/peer-auth.js';
import { ProblemError } from '../problem.js';
import { apiTokenAuth } from './api-token-auth.js';

export interface PeerOrReaderAuthOptions {
  ctx: NodeContext;
  /** The operation a peer token must be issued for. */
  operation: PeerOperation;
}

/**
 * For what both peers and the node's own people may read (auditors need the log): a local API token with
 * role reader, or a peer token for `operation`. Dispatches on the token's form, so each is checked only by
 * its own verifier and a failure reports that verifier's reason.
 */
export function peerOrReaderAuth(options: PeerOrReaderAuthOptions): MiddlewareHandler<NodeEnv> {
  const asPeer = peerAuth(options);
  const asReader = apiTokenAuth({ ctx: options.ctx, role: 'reader' });
  return async function peerOrReaderAuthMiddleware(c, next) {
    const header = c.req.header('authorization');
    if (!header) {
      throw new ProblemError(
        401,
        'unauthorized',
        'a peer token or an API token is required',
        'send Authorization: Bearer <token>',
        undefined,
        { 'www-authenticate': 'Bearer realm="sightline"' },
      );
    }
    const token = /^Bearer (.*)$/i.exec(header)?.[1] ?? '';
    return isApiTokenForm(token) ? asReader(c, next) : asPeer(c, next);
  };
}
