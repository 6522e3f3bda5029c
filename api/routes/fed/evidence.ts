import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../../context.js';
import { forkEvidence } from '../../db/schema.js';

/**
 * GET /fed/v1/log/evidence: every fork this node detected, as the two conflicting signed checkpoints.
 * Public: anyone holding the forked log's public key can verify it offline.
 */
export default function evidence(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/fed/v1/log/evidence', async (c) => {
    const rows = await ctx.db.select().from(forkEvidence).orderBy(forkEvidence.id);
    return c.json({
      forks: rows.map((row) => ({
        member: row.member,
        origin: row.origin,
        earlier: row.earlierNote,
        later: row.laterNote,
        proof: row.proof,
        detectedAt: new Date(row.detectedAt).toISOString(),
      })),
    });
  });
}
