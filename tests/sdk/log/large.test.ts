import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  appendPlan,
  consistencyPlan,
  type HashGetter,
  type HashPlan,
  inclusionPlan,
  leafHash,
  nodeHash,
  rootPlan,
  verifyConsistency,
  verifyInclusion,
} from '../../../sdk/log/index.js';

const P31 = 2n ** 31n;
const P32 = 2n ** 32n;

/**
 * A synthetic tree too big to build: a few "special" leaves have real hashes and every subtree containing one
 * is hashed from its children; every other perfect subtree gets an opaque hash unique to its coordinates.
 * Any planner that asks for a wrong coordinate (a 32-bit overflow, an off-by-one) gets a wrong hash, and the
 * proof then fails to verify.
 */
function syntheticTree(special: bigint[]) {
  const memo = new Map<string, Uint8Array>();
  const leaf = (index: bigint) => Buffer.from(`leaf ${index}`);
  const contains = (level: number, index: bigint) => special.some((s) => s >> BigInt(level) === index);
  function hash(level: number, index: bigint): Uint8Array {
    const key = `${level}:${index}`;
    let value = memo.get(key);
    if (value) return value;
    if (!contains(level, index)) {
      value = createHash('sha256').update(`opaque ${key}`).digest();
    } else if (level === 0) {
      value = leafHash(leaf(index));
    } else {
      value = nodeHash(hash(level - 1, 2n * index), hash(level - 1, 2n * index + 1n));
    }
    memo.set(key, value);
    return value;
  }
  /** A getter that serves only nodes the plan listed and that are complete in a tree of `size` leaves. */
  function getterFor(plan: { nodes: HashPlan<unknown>['nodes'] }, size: bigint): HashGetter {
    const listed = new Set(plan.nodes.map(({ level, index }) => `${level}:${index}`));
    return (level, index) => {
      if (!listed.has(`${level}:${index}`)) throw new Error(`unlisted node ${level}:${index}`);
      if ((index + 1n) << BigInt(level) > size)
        throw new Error(`incomplete node ${level}:${index} for size ${size}`);
      return hash(level, index);
    };
  }
  const root = (size: bigint) => {
    const plan = rootPlan(size);
    return plan.assemble(getterFor(plan, size));
  };
  return { leaf, hash, getterFor, root };
}

describe('planners past 2^31 and 2^32 leaves', () => {
  it('plans roots from one node per set bit of the size', () => {
    expect(rootPlan(P32 + P31 + 5n).nodes).toEqual([
      { level: 32, index: 0n },
      { level: 31, index: 2n },
      { level: 2, index: (P32 + P31) / 4n },
      { level: 0, index: P32 + P31 + 4n },
    ]);
    expect(rootPlan(P32).nodes).toEqual([{ level: 32, index: 0n }]);
  });

  it('plans the inclusion of the last leaf of 2^32 as its 32 siblings', () => {
    const plan = inclusionPlan(P32 - 1n, P32);
    expect(plan.nodes).toEqual(
      Array.from({ length: 32 }, (_, level) => ({ level, index: (P32 >> BigInt(level)) - 2n })),
    );
  });

  it.each([
    [P31 - 1n, P31],
    [P31, P31 + 1n],
    [P31 + 12345n, P32 - 1n],
    [P32 - 1n, P32],
    [P32, P32 + 3n],
    [7n, P32 + P31 + 5n],
    [P32 + P31 + 4n, P32 + P31 + 5n],
  ])('proves and verifies the inclusion of leaf %s in a tree of %s', (index, size) => {
    const tree = syntheticTree([index, 0n, size - 1n]);
    const plan = inclusionPlan(index, size);
    const proof = plan.assemble(tree.getterFor(plan, size));
    const root = tree.root(size);
    expect(verifyInclusion({ leaf: tree.leaf(index), index, size, proof, root })).toBe(true);
    expect(verifyInclusion({ leaf: tree.leaf(index), index: index ^ 1n, size, proof, root })).toBe(false);
    expect(verifyInclusion({ leaf: tree.leaf(index + 1n), index, size, proof, root })).toBe(false);
    expect(verifyInclusion({ leaf: tree.leaf(index), index, size, proof: proof.slice(1), root })).toBe(false);
  });

  it.each([
    [P31 - 1n, P31],
    [P31, P31 + 1n],
    [P31 + 3n, P32 + 7n],
    [P32 - 1n, P32],
    [P32, P32 + P31],
    [5n, P32 + 5n],
  ])('proves and verifies consistency from %s to %s', (from, to) => {
    const tree = syntheticTree([0n, from - 1n, from, to - 1n, (from + to) / 2n]);
    const plan = consistencyPlan(from, to);
    const proof = plan.assemble(tree.getterFor(plan, to));
    const oldRoot = tree.root(from);
    const newRoot = tree.root(to);
    expect(verifyConsistency({ from, to, proof, oldRoot, newRoot })).toBe(true);
    expect(verifyConsistency({ from, to, proof, oldRoot: newRoot, newRoot })).toBe(false);
    expect(verifyConsistency({ from: from + 1n, to, proof, oldRoot: tree.root(from + 1n), newRoot })).toBe(
      false,
    );
  });

  it.each([
    [P31 - 1n, 1n],
    [P32 - 1n, 1n],
    [P31 - 2n, 5n],
    [P32 + P31 - 3n, 4n],
  ])(
    'appends at size %s (%s leaves): reads stored siblings, writes the completed nodes, returns the root',
    (size, count) => {
      const fresh = Array.from({ length: Number(count) }, (_, i) => size + BigInt(i));
      const tree = syntheticTree([size - 1n, ...fresh]);
      const plan = appendPlan(size, count);
      for (const { level, index } of plan.reads) expect((index + 1n) << BigInt(level) <= size).toBe(true);
      const { nodes, root } = plan.assemble(
        fresh.map((index) => leafHash(tree.leaf(index))),
        tree.getterFor({ nodes: plan.reads }, size),
      );
      for (const node of nodes) {
        expect(
          Buffer.from(node.hash).equals(tree.hash(node.level, node.index)),
          `${node.level}:${node.index}`,
        ).toBe(true);
      }
      expect(Buffer.from(root).equals(tree.root(size + count))).toBe(true);
    },
  );

  it('completes the 2^32 perfect tree when leaf 2^32 - 1 arrives', () => {
    const plan = appendPlan(P32 - 1n);
    expect(plan.writes).toEqual(
      Array.from({ length: 33 }, (_, level) => ({ level, index: (P32 >> BigInt(level)) - 1n })),
    );
    expect(plan.reads).toEqual(
      Array.from({ length: 32 }, (_, level) => ({ level, index: (P32 >> BigInt(level)) - 2n })),
    );
  });
});
