import type { Hono } from 'hono';
import { revokeKeyRequestSchema } from '../../../schemas/api/keys.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { readJsonBody } from '../../http/json-body.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { revokeKey } from '../../keys/revoke.js';

/** POST /v1/keys/revoke: marks a retired key compromised from a time on. */
export default function revokeKeyRoute(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.post('/v1/keys/revoke', apiTokenAuth({ ctx, role: 'admin' }), async (c) => {
    const { kid, since } = await readJsonBody(c, revokeKeyRequestSchema, 'the revocation');
    return c.json(await revokeKey(ctx, kid, since), 201);
  });
}
