import { foldSubtrees, type HashPlan, subtreeNodes, toTreeIndex } from './coords.js';
import { emptyRoot } from './hash.js';

/**
 * Plans the RFC 6962 root of the tree of `size` leaves: one stored node per set bit of `size`.
 *
 * @example
 * const plan = rootPlan(size);
 * const stored = await fetchNodes(plan.nodes); // one query
 * const root = plan.assemble((level, index) => stored.get(`${level}:${index}`));
 */
export function rootPlan(size: bigint | number): HashPlan<Uint8Array> {
  const n = toTreeIndex(size, 'size');
  const nodes = subtreeNodes(0n, n);
  return { nodes, assemble: (get) => (nodes.length === 0 ? emptyRoot() : foldSubtrees(nodes, get)) };
}
