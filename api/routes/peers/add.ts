import type { Hono } from 'hono';
import { peerIdentitySchema } from '../../../schemas/api/peers.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { refreshKeysFrom } from '../../fed/member-keys.js';
import { peerStatuses } from '../../fed/peer-status.js';
import { pinMember } from '../../fed/registry.js';
import { readJsonBody } from '../../http/json-body.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';

/** POST /v1/peers: pins a member's key thumbprints (as confirmed out of band) and, with a URL, peers with it. */
export default function addPeer(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.post('/v1/peers', apiTokenAuth({ ctx, role: 'admin' }), async (c) => {
    const member = await readJsonBody(c, peerIdentitySchema, 'the peer');
    await pinMember(ctx, member);
    if (member.url) await refreshKeysFrom(ctx, member.url).catch(() => 0);
    const status = (await peerStatuses(ctx)).find((p) => p.id === member.id);
    return c.json(status, 201);
  });
}
