import type { Hono } from 'hono';
import { observationBodySchema } from '../../../schemas/observation/body.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { readJsonBody } from '../../http/json-body.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { recordIdParam } from '../../http/params.js';
import { authorRecord } from '../../records/author.js';
import { ownCurrentRecord } from '../../records/own-target.js';

/** POST /v1/observations/{id}/supersede: a corrected version, signed as a new record. */
export default function supersedeObservation(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.post('/v1/observations/:id/supersede', apiTokenAuth({ ctx, role: 'analyst' }), async (c) => {
    const id = recordIdParam(c);
    const body = await readJsonBody(c, observationBodySchema, 'the corrected observation');
    await ownCurrentRecord(ctx, id);
    const created = await authorRecord(ctx, { ...body, type: 'observation', supersedes: id });
    return c.json(created, 201, { location: `/v1/observations/${created.id}` });
  });
}
