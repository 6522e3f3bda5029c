import type { Hono } from 'hono';
import { reconcile } from '../../../sdk/reconcile/index.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { notFound } from '../../http/problem.js';
import { pinnedKeys } from '../../keys/pinned-keys.js';
import { measureRecordJws } from '../../records/measure-records.js';
import { verifyHeldRecords } from '../../records/verify-held.js';
import { measureKeyParam } from './measure-key-param.js';

/**
 * GET /v1/measures/{measureKey}/reconciliation: the SDK's reconcile() over every record this node holds
 * about the measure, each re-verified first (in the worker pool when one runs). The node and an auditor run
 * the same function. A record signed with a key revoked from before it was first logged is in `excluded`
 * as `key_revoked`.
 *
 * @example
 * // GET /v1/measures/MOFCOM-GAC-2023-39/reconciliation
 * // { "measureKey": "MOFCOM-GAC-2023-39", "measure": {...}, "excluded": [{ "id": "...", "code": "key_revoked", ... }], ... }
 */
export default function measureReconciliation(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/v1/measures/:measureKey/reconciliation', apiTokenAuth({ ctx, role: 'reader' }), async (c) => {
    const measureKey = measureKeyParam(c);
    const jwsList = await measureRecordJws(ctx.db, [measureKey]);
    if (jwsList.length === 0) throw notFound('measure', `no observations of ${measureKey} on this node`);
    const keys = await pinnedKeys(ctx.db, ctx.member, { role: 'record', includeRevoked: true });
    const picture = reconcile(await verifyHeldRecords(ctx, jwsList, keys));
    const measure = picture.measures.find((m) => m.measureKey === measureKey);
    return c.json({
      measureKey,
      measure: measure ?? null,
      excluded: picture.excluded,
      retracted: picture.retracted,
      superseded: picture.superseded,
      forks: picture.forks,
    });
  });
}
