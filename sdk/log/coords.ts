import { SightlineError } from '../errors.js';
import { nodeHash } from './hash.js';

/**
 * A stored perfect subtree. The node at (level L, index i) covers leaves [i * 2^L, (i + 1) * 2^L); level 0
 * holds leaf hashes. The node stores each one once it is complete, and never changes it.
 */
export interface NodeCoord {
  level: number;
  index: bigint;
}

/** Returns the stored hash of a perfect subtree (it must exist: plans only ask for complete nodes). */
export type HashGetter = (level: number, index: bigint) => Uint8Array;

/**
 * What a planner returns: every stored node the answer needs (fetch them in one query), and a pure function
 * that computes the answer from them.
 */
export interface HashPlan<T> {
  nodes: NodeCoord[];
  assemble(get: HashGetter): T;
}

/** Largest tree size (and checkpoint size) we accept: uint64. */
export const MAX_TREE_SIZE = (1n << 64n) - 1n;

/** A tree size or leaf index as bigint; undefined unless a non-negative safe integer or bigint within uint64. */
export function asTreeIndex(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value >= 0n && value <= MAX_TREE_SIZE ? value : undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  return undefined;
}

/** Like asTreeIndex, for planners: a bad argument is a caller bug, so it throws `invalid_tree_range`. */
export function toTreeIndex(value: bigint | number, what: string): bigint {
  const index = asTreeIndex(value);
  if (index === undefined)
    throw new SightlineError('invalid_tree_range', `${what} must be a non-negative integer`);
  return index;
}

/** Number of bits needed to write `n` (0 for 0). */
export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** RFC 6962 split point: the largest power of two strictly below `n` (n >= 2). */
export function splitPoint(n: bigint): bigint {
  return 1n << BigInt(bitLength(n - 1n) - 1);
}

/**
 * The maximal perfect subtrees of leaves [start, end), largest first. `start` must be a multiple of the
 * largest power of two <= end - start, which holds for every range RFC 6962's recursion produces.
 */
export function subtreeNodes(start: bigint, end: bigint): NodeCoord[] {
  const nodes: NodeCoord[] = [];
  const count = end - start;
  let position = start;
  for (let level = bitLength(count) - 1; level >= 0; level--) {
    const width = 1n << BigInt(level);
    if ((count & width) !== 0n) {
      nodes.push({ level, index: position >> BigInt(level) });
      position += width;
    }
  }
  return nodes;
}

/** RFC 6962 MTH of a range from its perfect subtrees: fold from the right, MTH = H(P1 || MTH(P2..Pm)). */
export function foldSubtrees(nodes: readonly NodeCoord[], get: HashGetter): Uint8Array {
  const last = nodes.at(-1);
  if (!last) throw new SightlineError('invalid_tree_range', 'an empty range has no subtree hash');
  let hash = get(last.level, last.index);
  for (let i = nodes.length - 2; i >= 0; i--) {
    const node = nodes[i] as NodeCoord;
    hash = nodeHash(get(node.level, node.index), hash);
  }
  return hash;
}
