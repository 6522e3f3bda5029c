import type { Hono } from 'hono';
import { retractRequestSchema } from '../../../schemas/api/observations.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { readJsonBody } from '../../http/json-body.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { recordIdParam } from '../../http/params.js';
import { authorRecord } from '../../records/author.js';
import { ownCurrentRecord } from '../../records/own-target.js';

/** POST /v1/observations/{id}/retract: a signed retraction that travels like any record, under the same label. */
export default function retractObservation(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.post('/v1/observations/:id/retract', apiTokenAuth({ ctx, role: 'analyst' }), async (c) => {
    const id = recordIdParam(c);
    const { reason } = await readJsonBody(c, retractRequestSchema, 'the retraction');
    const target = await ownCurrentRecord(ctx, id);
    const { tlp, recipients } = target.record;
    const created = await authorRecord(ctx, {
      type: 'retraction',
      retracts: id,
      reason,
      tlp,
      ...(recipients ? { recipients } : {}),
    });
    return c.json(created, 201, { location: `/v1/observations/${created.id}` });
  });
}
