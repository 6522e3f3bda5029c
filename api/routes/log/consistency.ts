import type { Hono } from 'hono';
import { type ConsistencyProof, consistencyQuerySchema } from '../../../schemas/api/log.js';
import { encodeBase64 } from '../../../sdk/keys/index.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { peerOrReaderAuth } from '../../http/middleware/peer-or-reader-auth.js';
import { queryObject } from '../../http/params.js';
import { ProblemError } from '../../http/problem.js';
import { parseQueryOrProblem } from '../../http/validation.js';
import { consistencyProof } from '../../log/proofs.js';
import { proofTreeSize } from './tree-size.js';

/**
 * GET /fed/v1/log/proof/consistency?from=M[&to=N]: the RFC 9162 proof that the tree of N leaves (default:
 * the latest checkpoint) extends the tree of M leaves, from O(log n) stored hashes.
 */
export default function consistency(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/fed/v1/log/proof/consistency', peerOrReaderAuth({ ctx, operation: 'log.read' }), async (c) => {
    const query = parseQueryOrProblem(consistencyQuerySchema, queryObject(c));
    const to = await proofTreeSize(ctx, query.to, 'to');
    if (query.from > to) {
      throw new ProblemError(
        400,
        'invalid_tree_range',
        'from must not exceed to',
        `from=${query.from}, to=${to}`,
      );
    }
    const hashes = await consistencyProof(ctx.db, query.from, to);
    const body: ConsistencyProof = {
      from: Number(query.from),
      to: Number(to),
      hashes: hashes.map(encodeBase64),
    };
    return c.json(body);
  });
}
