import type { Hono } from 'hono';
import { measureQuerySchema } from '../../../schemas/api/observations.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { queryObject } from '../../http/params.js';
import { notFound } from '../../http/problem.js';
import { parseQueryOrProblem } from '../../http/validation.js';
import { listRecords } from '../../records/list.js';
import { measureKeyParam } from './measure-key-param.js';

/** GET /v1/measures/{measureKey}: the measure's observations, newest first, in pages of up to 500. */
export default function getMeasure(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/v1/measures/:measureKey', apiTokenAuth({ ctx, role: 'reader' }), async (c) => {
    const measureKey = measureKeyParam(c);
    const query = parseQueryOrProblem(measureQuerySchema, queryObject(c));
    const page = await listRecords(ctx.db, { measureKey, ...query });
    if (page.items.length === 0 && !query.cursor)
      throw notFound('measure', `no observations of ${measureKey} on this node`);
    return c.json({ measureKey, ...page });
  });
}
