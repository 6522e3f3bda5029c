import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../../context.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { notFound } from '../../http/problem.js';
import { listRecords } from '../../records/list.js';
import { measureKeyParam } from './measure-key-param.js';

/** GET /v1/measures/{measureKey}: every observation of the measure, newest first. */
export default function getMeasure(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/v1/measures/:measureKey', apiTokenAuth({ ctx, role: 'reader' }), async (c) => {
    const measureKey = measureKeyParam(c);
    const { items } = await listRecords(ctx.db, { measureKey, limit: 500 });
    if (items.length === 0) throw notFound('measure', `no observations of ${measureKey} on this node`);
    return c.json({ measureKey, items });
  });
}
