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
 * Plans the RFC 9162 inclusion proof (RFC 6962 PATH) of leaf `index` in the tree of `size` leaves.
 * `assemble` returns the audit path, leaf side first. Each path element is the hash of one range, made of
 * at most log2(size) stored perfect subtrees, so the whole plan needs O(log^2 n) nodes worst case and
 * usually far fewer; all of them are listed in `nodes`.
 *
 * @example
 * const plan = inclusionPlan(index, size);
 * const proof = plan.assemble(getFrom(await fetchNodes(plan.nodes)));
 */
export function inclusionPlan(index: bigint | number, size: bigint | number): HashPlan<Uint8Array[]> {
  const m = toTreeIndex(index, 'index');
  const n = toTreeIndex(size, 'size');
  if (m >= n) throw new SightlineError('invalid_tree_range', 'index must be below size');
  const ranges = pathRanges(m, n);
  return { nodes: ranges.flat(), assemble: (get) => ranges.map((range) => foldSubtrees(range, get)) };
}

// PATH(m, D[start:start+n]), iteratively; collected root side first, returned leaf side first.
function pathRanges(m: bigint, n: bigint): NodeCoord[][] {
  const ranges: NodeCoord[][] = [];
  let start = 0n;
  let offset = m;
  let count = n;
  while (count > 1n) {
    const k = splitPoint(count);
    if (offset < k) {
      ranges.push(subtreeNodes(start + k, start + count));
      count = k;
    } else {
      ranges.push(subtreeNodes(start, start + k));
      start += k;
      offset -= k;
      count -= k;
    }
  }
  return ranges.reverse();
}
