import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../../context.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { recordIdParam } from '../../http/params.js';
import { buildProvenance } from '../../records/provenance.js';

/** GET /v1/observations/{id}/provenance: a bundle an auditor verifies offline with the SDK's verifyProvenance. */
export default function provenance(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/v1/observations/:id/provenance', apiTokenAuth({ ctx, role: 'reader' }), async (c) => {
    const id = recordIdParam(c);
    return c.json(await buildProvenance(ctx, id));
  });
}
