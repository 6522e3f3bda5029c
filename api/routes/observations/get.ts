import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../../context.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { recordIdParam } from '../../http/params.js';
import { readVerifiedRecord } from '../../records/read.js';

/** GET /v1/observations/{id}: the record, its JWS, author, and whether its signature verifies. */
export default function getObservation(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/v1/observations/:id', apiTokenAuth({ ctx, role: 'reader' }), async (c) => {
    const id = recordIdParam(c);
    return c.json(await readVerifiedRecord(ctx, id));
  });
}
