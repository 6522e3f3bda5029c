import type { Hono } from 'hono';
import { peerPreviewRequestSchema } from '../../../schemas/api/peers.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { fetchPeerIdentity } from '../../fed/fetch-identity.js';
import { readJsonBody } from '../../http/json-body.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';

/** POST /v1/peers/preview: what a node at URL says it is, for the operator to confirm before pinning. */
export default function previewPeer(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.post('/v1/peers/preview', apiTokenAuth({ ctx, role: 'admin' }), async (c) => {
    const { url } = await readJsonBody(c, peerPreviewRequestSchema, 'the peer');
    return c.json(await fetchPeerIdentity(url));
  });
}
