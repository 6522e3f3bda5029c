import type { Hono } from 'hono';
import { observationBodySchema } from '../../../schemas/observation/body.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { readJsonBody } from '../../http/json-body.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { authorRecord } from '../../records/author.js';

/** POST /v1/observations: validate, sign as this member, store. */
export default function createObservation(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.post('/v1/observations', apiTokenAuth({ ctx, role: 'analyst' }), async (c) => {
    const body = await readJsonBody(c, observationBodySchema, 'the observation');
    const created = await authorRecord(ctx, { ...body, type: 'observation' });
    return c.json(created, 201, { location: `/v1/observations/${created.id}` });
  });
}
