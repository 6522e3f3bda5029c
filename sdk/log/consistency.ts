import { SightlineError } from '../errors.js';
import {
  foldSubtrees,
  type HashPlan,
  type NodeCoord,
  splitPoint,
  subtreeNodes,
  toTreeIndex,
} from './coords.js';

/**
 * Plans the RFC 9162 consistency proof (RFC 6962 PROOF) from the tree of `from` leaves to the tree of `to`
 * leaves. The proof is empty when from is 0 or from equals to. `assemble` returns the proof elements in RFC
 * order; `nodes` lists every stored perfect subtree they are made of.
 *
 * @example
 * const plan = consistencyPlan(lastSeenSize, size);
 * const proof = plan.assemble(getFrom(await fetchNodes(plan.nodes)));
 */
export function consistencyPlan(from: bigint | number, to: bigint | number): HashPlan<Uint8Array[]> {
  const m = toTreeIndex(from, 'from');
  const n = toTreeIndex(to, 'to');
  if (m > n) throw new SightlineError('invalid_tree_range', 'from must not exceed to');
  const ranges = m === 0n || m === n ? [] : subproofRanges(m, n);
  return { nodes: ranges.flat(), assemble: (get) => ranges.map((range) => foldSubtrees(range, get)) };
}

// SUBPROOF(m, D[start:start+n], b), iteratively; collected root side first, returned in RFC order.
function subproofRanges(m: bigint, n: bigint): NodeCoord[][] {
  const ranges: NodeCoord[][] = [];
  let start = 0n;
  let offset = m;
  let count = n;
  let isWholeOldTree = true;
  while (offset !== count) {
    const k = splitPoint(count);
    if (offset <= k) {
      ranges.push(subtreeNodes(start + k, start + count));
      count = k;
    } else {
      ranges.push(subtreeNodes(start, start + k));
      start += k;
      offset -= k;
      count -= k;
      isWholeOldTree = false;
    }
  }
  if (!isWholeOldTree) ranges.push(subtreeNodes(start, start + count));
  return ranges.reverse();
}
