import type { Hono } from 'hono';
import { type InclusionProof, inclusionQuerySchema } from '../../../schemas/api/log.js';
import { encodeBase64 } from '../../../sdk/keys/index.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { peerOrReaderAuth } from '../../http/middleware/peer-or-reader-auth.js';
import { queryObject } from '../../http/params.js';
import { ProblemError } from '../../http/problem.js';
import { parseQueryOrProblem } from '../../http/validation.js';
import { peerMaySeeLeaf } from '../../log/leaf-entitlement.js';
import { leafAt, leafOfRecord, type StoredLeaf } from '../../log/leaves.js';
import { inclusionProof } from '../../log/proofs.js';
import { proofTreeSize } from './tree-size.js';

/**
 * GET /fed/v1/log/proof/inclusion?id=RECORD_ID|index=I[&size=N]: the leaf and its RFC 9162 inclusion proof
 * in the tree of N leaves (default: the latest checkpoint), from O(log n) stored hashes.
 */
export default function inclusion(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/fed/v1/log/proof/inclusion', peerOrReaderAuth({ ctx, operation: 'log.read' }), async (c) => {
    const query = parseQueryOrProblem(inclusionQuerySchema, queryObject(c));
    const peer = c.get('peer');
    const byId = query.id === undefined ? undefined : await recordLeaf(ctx, query.id, peer);
    const size = await proofTreeSize(ctx, query.size, 'size');
    const index = byId?.index ?? (query.index as bigint);
    if (index >= size) {
      throw new ProblemError(
        400,
        'leaf_beyond_tree',
        'the leaf is not in a tree of this size',
        `leaf index ${index}, tree size ${size}`,
      );
    }
    // The leaf and the proof's hashes are independent lookups: side by side, one round trip on the way.
    const [leaf, hashes] = await Promise.all([
      byId ?? leafAt(ctx.db, index),
      inclusionProof(ctx.db, index, size),
    ]);
    if (!leaf) throw new Error(`log leaf ${index} is missing below the log head`);
    // By index the peer knows a leaf is there, not what it logs.
    if (!byId && peer && !(await peerMaySeeLeaf(ctx, peer, leaf))) {
      throw new ProblemError(
        403,
        'not_entitled',
        'this leaf logs a record your member may not receive',
        `leaf index ${index}`,
      );
    }
    const body: InclusionProof = {
      leafIndex: Number(index),
      treeSize: Number(size),
      leaf: Buffer.from(leaf.leaf, 'utf8').toString('base64'),
      hashes: hashes.map(encodeBase64),
    };
    return c.json(body);
  });
}

/** By id, a record the peer may not receive is answered as if it did not exist, before any other check. */
async function recordLeaf(ctx: NodeContext, id: string, peer: string | undefined): Promise<StoredLeaf> {
  const leaf = await leafOfRecord(ctx.db, id);
  if (!leaf || (peer && !(await peerMaySeeLeaf(ctx, peer, leaf)))) throw recordNotFound(id);
  return leaf;
}

const recordNotFound = (id: string) =>
  new ProblemError(404, 'not_found', 'record not found in this log', `no leaf logs record ${id}`);
