import type { Hono } from 'hono';
import { listObservationsQuerySchema } from '../../../schemas/api/observations.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { queryObject } from '../../http/params.js';
import { parseQueryOrProblem } from '../../http/validation.js';
import { listRecords } from '../../records/list.js';

/** GET /v1/observations: filtered, keyset-paginated, newest first. */
export default function listObservations(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/v1/observations', apiTokenAuth({ ctx, role: 'reader' }), async (c) => {
    const query = parseQueryOrProblem(listObservationsQuerySchema, queryObject(c));
    return c.json(await listRecords(ctx.db, query));
  });
}
