import type { Hono } from 'hono';
import { measureKeySchema } from '../../../schemas/observation/measure-key.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { notFound, ProblemError } from '../../http/problem.js';
import { fieldErrors } from '../../http/validation.js';
import { listRecords } from '../../records/list.js';

/** GET /v1/measures/{measureKey}: every observation of the measure, newest first. */
export default function getMeasure(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/v1/measures/:measureKey', apiTokenAuth({ ctx, role: 'reader' }), async (c) => {
    const parsed = measureKeySchema.safeParse(c.req.param('measureKey'));
    if (!parsed.success) {
      throw new ProblemError(
        400,
        'invalid_measure_key',
        'the measure key is not valid',
        undefined,
        fieldErrors(parsed.error.issues, ['measureKey']),
      );
    }
    const measureKey = parsed.data;
    const { items } = await listRecords(ctx.db, { measureKey, limit: 500 });
    if (items.length === 0) throw notFound('measure', `no observations of ${measureKey} on this node`);
    return c.json({ measureKey, items });
  });
}
