import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../../context.js';
import { peerStatuses } from '../../fed/peer-status.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';

/** GET /v1/peers: the federation registry with each peer's sync health. */
export default function listPeers(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/v1/peers', apiTokenAuth({ ctx, role: 'reader' }), async (c) =>
    c.json({ peers: await peerStatuses(ctx) }),
  );
}
