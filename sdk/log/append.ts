import { SightlineError } from '../errors.js';
import { foldSubtrees, type HashGetter, type NodeCoord, subtreeNodes, toTreeIndex } from './coords.js';
import { isHash, nodeHash } from './hash.js';

/** A perfect subtree hash to store. */
export interface StoredNode extends NodeCoord {
  hash: Uint8Array;
}

/**
 * How to append leaves `size .. size + count - 1`: read `reads` (one query), then write the nodes `assemble`
 * returns (one insert). `writes` lists those nodes' coordinates in the same order, leaves first.
 */
export interface AppendPlan {
  size: bigint;
  count: bigint;
  /** Stored nodes to read: left siblings of new nodes, and the old subtrees of the new root. */
  reads: NodeCoord[];
  /** Every perfect subtree that becomes complete, level by level (level 0: the new leaves). */
  writes: NodeCoord[];
  /** Computes the new nodes from the new leaf hashes and the read nodes, plus the new tree root. */
  assemble(leafHashes: readonly Uint8Array[], get: HashGetter): { nodes: StoredNode[]; root: Uint8Array };
}

/**
 * Plans appending `count` leaves to a tree of `size` leaves. O(count + log n) work, reading at most two
 * nodes per level.
 *
 * @example
 * const plan = appendPlan(size, leafHashes.length);
 * const stored = await readNodes(tx, plan.reads);
 * const { nodes, root } = plan.assemble(leafHashes, (level, index) => stored.get(`${level}:${index}`));
 * await insertNodes(tx, nodes);
 */
export function appendPlan(size: bigint | number, count: bigint | number = 1n): AppendPlan {
  const oldSize = toTreeIndex(size, 'size');
  const added = toTreeIndex(count, 'count');
  const newSize = oldSize + added;
  if (added === 0n) throw new SightlineError('invalid_tree_range', 'count must be at least 1');
  toTreeIndex(newSize, 'size + count');

  const levels = newNodeLevels(oldSize, newSize);
  const writes = levels.flatMap(({ level, first, last }) => indexRange(level, first, last));
  const siblings = levels
    .filter(({ level, first }) => level > 0 && isStored(level - 1, 2n * first, oldSize))
    .map(({ level, first }) => ({ level: level - 1, index: 2n * first }));
  const rootNodes = subtreeNodes(0n, newSize);
  const reads = [...siblings, ...rootNodes.filter(({ level, index }) => isStored(level, index, oldSize))];

  return {
    size: oldSize,
    count: added,
    reads,
    writes,
    assemble(leafHashes, get) {
      if (BigInt(leafHashes.length) !== added || !leafHashes.every(isHash)) {
        throw new SightlineError('invalid_tree_range', `expected ${added} leaf hashes of 32 bytes`);
      }
      const fresh = new Map<string, Uint8Array>();
      const lookup: HashGetter = (level, index) => fresh.get(key(level, index)) ?? get(level, index);
      const nodes: StoredNode[] = [];
      for (const { level, index } of writes) {
        const hash =
          level === 0
            ? (leafHashes[Number(index - oldSize)] as Uint8Array)
            : nodeHash(lookup(level - 1, 2n * index), lookup(level - 1, 2n * index + 1n));
        fresh.set(key(level, index), hash);
        nodes.push({ level, index, hash });
      }
      return { nodes, root: foldSubtrees(rootNodes, lookup) };
    },
  };
}

// Node (L, i) completes when leaf (i + 1) * 2^L - 1 arrives: new at level L are i in [old >> L, new >> L).
function newNodeLevels(
  oldSize: bigint,
  newSize: bigint,
): Array<{ level: number; first: bigint; last: bigint }> {
  const levels: Array<{ level: number; first: bigint; last: bigint }> = [];
  for (let level = 0; ; level++) {
    const first = oldSize >> BigInt(level);
    const last = (newSize >> BigInt(level)) - 1n;
    if (last < first) return levels;
    levels.push({ level, first, last });
  }
}

function indexRange(level: number, first: bigint, last: bigint): NodeCoord[] {
  const nodes: NodeCoord[] = [];
  for (let index = first; index <= last; index++) nodes.push({ level, index });
  return nodes;
}

function isStored(level: number, index: bigint, size: bigint): boolean {
  return (index + 1n) << BigInt(level) <= size;
}

function key(level: number, index: bigint): string {
  return `${level}:${index}`;
}
