import { SightlineError } from '../errors.js';
import {
  asTreeIndex,
  foldSubtrees,
  type HashPlan,
  type NodeCoord,
  splitPoint,
  subtreeNodes,
  toTreeIndex,
} from './coords.js';
import { hashesEqual, isHash, nodeHash } from './hash.js';

/**
 * Plans one proof that several leaves are in the tree of `size` leaves: the hashes of the maximal subtrees
 * that hold none of them, left to right, as RFC 6962's MTH recursion meets them. With the leaves' own hashes
 * they give the root (verifyBatchInclusion). A page of a feed is mostly consecutive leaves, so its proof is
 * about two hashes per level plus one per gap, where per-leaf audit paths would be log2(size) each.
 *
 * @example
 * const plan = batchInclusionPlan([5n, 6n, 9n], 16n);
 * const hashes = plan.assemble(getFrom(await fetchNodes(plan.nodes)));
 */
export function batchInclusionPlan(
  indexes: readonly (bigint | number)[],
  size: bigint | number,
): HashPlan<Uint8Array[]> {
  const n = toTreeIndex(size, 'size');
  const sorted = indexes.map((index) => toTreeIndex(index, 'index'));
  if (sorted.some((index, i) => index >= n || (i > 0 && index <= (sorted[i - 1] as bigint)))) {
    throw new SightlineError('invalid_tree_range', 'indexes must be strictly increasing and below size');
  }
  if (sorted.length === 0) throw new SightlineError('invalid_tree_range', 'no leaves to prove');
  const ranges: NodeCoord[][] = [];
  walk(0n, n, sorted, 0, sorted.length, (start, end) => ranges.push(subtreeNodes(start, end)));
  return { nodes: ranges.flat(), assemble: (get) => ranges.map((range) => foldSubtrees(range, get)) };
}

/** A batch inclusion proof to check: the leaves by index (strictly increasing) with their RFC 6962 leaf hashes. */
export interface BatchInclusionInput {
  leaves: readonly { index: bigint | number; leafHash: Uint8Array }[];
  size: bigint | number;
  proof: readonly Uint8Array[];
  root: Uint8Array;
}

/**
 * Does `proof` (from batchInclusionPlan) show that every one of `leaves` is in the tree of `size` leaves
 * with `root`? Never throws: malformed input is false, and so is a proof with a hash too many or too few.
 *
 * @example
 * const leaves = page.map((r, i) => ({ index: r.seq, leafHash: leafHash(leafBytes[i]) }));
 * if (!verifyBatchInclusion({ leaves, size: checkpoint.size, proof, root: checkpoint.rootHash })) refuse();
 */
export function verifyBatchInclusion(input: BatchInclusionInput): boolean {
  return batchInclusionPaths(input) !== undefined;
}

/**
 * Verifies a batch inclusion proof like verifyBatchInclusion and, when it holds, returns each leaf's own
 * RFC 9162 inclusion proof (audit path, leaf side first) in the tree of `size`, in the order of `leaves`:
 * every sibling on a leaf's path is a subtree the batch proof gave or that the leaves themselves rebuild.
 * So a puller can keep, per record, the proof an auditor checks with verifyInclusion. Undefined otherwise.
 *
 * @example
 * const paths = batchInclusionPaths({ leaves, size, proof, root });
 * if (paths) verifyInclusion({ leafHash: leaves[0].leafHash, index: leaves[0].index, size, proof: paths[0], root }); // true
 */
export function batchInclusionPaths(input: BatchInclusionInput): Uint8Array[][] | undefined {
  const size = asTreeIndex(input?.size);
  const { leaves, proof, root } = input ?? {};
  if (size === undefined || !Array.isArray(leaves) || leaves.length === 0) return undefined;
  if (!Array.isArray(proof) || !proof.every(isHash) || !isHash(root)) return undefined;
  const indexes: bigint[] = [];
  for (const leaf of leaves) {
    const index = asTreeIndex(leaf?.index);
    if (index === undefined || index >= size || !isHash(leaf.leafHash)) return undefined;
    if (indexes.length > 0 && index <= (indexes.at(-1) as bigint)) return undefined;
    indexes.push(index);
  }
  const paths: Uint8Array[][] = leaves.map(() => []);
  let used = 0;
  const hashOf = (start: bigint, end: bigint, from: number, to: number): Uint8Array | undefined => {
    if (from === to) return proof[used++];
    if (end - start === 1n) return leaves[from]?.leafHash;
    const middle = start + splitPoint(end - start);
    const split = firstAtOrAbove(indexes, middle, from, to);
    const left = hashOf(start, middle, from, split);
    const right = left && hashOf(middle, end, split, to);
    if (!left || !right) return undefined;
    for (let i = from; i < split; i++) paths[i]?.push(right);
    for (let i = split; i < to; i++) paths[i]?.push(left);
    return nodeHash(left, right);
  };
  const computed = hashOf(0n, size, 0, indexes.length);
  const valid = computed !== undefined && used === proof.length && hashesEqual(computed, root);
  return valid ? paths : undefined;
}

/** RFC 6962's recursion over [start, end), calling `emit` for each maximal range without any of the indexes. */
function walk(
  start: bigint,
  end: bigint,
  indexes: readonly bigint[],
  from: number,
  to: number,
  emit: (start: bigint, end: bigint) => void,
): void {
  if (from === to) {
    emit(start, end);
    return;
  }
  if (end - start === 1n) return;
  const middle = start + splitPoint(end - start);
  const split = firstAtOrAbove(indexes, middle, from, to);
  walk(start, middle, indexes, from, split, emit);
  walk(middle, end, indexes, split, to, emit);
}

/** The position of the first index >= `value` among indexes[from..to), which are sorted. */
function firstAtOrAbove(indexes: readonly bigint[], value: bigint, from: number, to: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((indexes[mid] as bigint) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
