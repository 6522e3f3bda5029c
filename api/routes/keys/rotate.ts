import type { Hono } from 'hono';
import { rotateKeyRequestSchema } from '../../../schemas/api/keys.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { readJsonBody } from '../../http/json-body.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { rotateKey } from '../../keys/rotate.js';

/** POST /v1/keys/rotate: a new key for a role, announced signed by the old one. */
export default function rotateKeyRoute(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.post('/v1/keys/rotate', apiTokenAuth({ ctx, role: 'admin' }), async (c) => {
    const { role } = await readJsonBody(c, rotateKeyRequestSchema, 'the rotation');
    return c.json(await rotateKey(ctx, ctx.dataDir, role), 201);
  });
}
