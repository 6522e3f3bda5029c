import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendPlan,
  batchInclusionPaths,
  batchInclusionPlan,
  consistencyPlan,
  emptyRoot,
  type HashGetter,
  type HashPlan,
  inclusionPlan,
  leafHash,
  nodeHash,
  rootPlan,
  verifyBatchInclusion,
  verifyConsistency,
  verifyInclusion,
} from '../../../sdk/log/index.js';

// Reference implementation: RFC 6962 section 2.1, written as literally as possible.
const sha256 = (...parts: Uint8Array[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const refLeaf = (d: Uint8Array) => sha256(Uint8Array.of(0), d);
const refSplit = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
function MTH(d: Uint8Array[]): Buffer {
  if (d.length === 0) return sha256();
  if (d.length === 1) return refLeaf(d[0] as Uint8Array);
  const cached = mthCache.get(d[0] as Uint8Array)?.get(d.length);
  if (cached) return cached;
  const k = refSplit(d.length);
  const hash = sha256(Uint8Array.of(1), MTH(d.slice(0, k)), MTH(d.slice(k)));
  mthCache.set(d[0] as Uint8Array, (mthCache.get(d[0] as Uint8Array) ?? new Map()).set(d.length, hash));
  return hash;
}
// Only to keep the test fast: the leaves are distinct objects, so (first leaf, length) names a range.
const mthCache = new WeakMap<Uint8Array, Map<number, Buffer>>();
function PATH(m: number, d: Uint8Array[]): Buffer[] {
  if (d.length === 1) return [];
  const k = refSplit(d.length);
  return m < k
    ? [...PATH(m, d.slice(0, k)), MTH(d.slice(k))]
    : [...PATH(m - k, d.slice(k)), MTH(d.slice(0, k))];
}
function SUBPROOF(m: number, d: Uint8Array[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [MTH(d)];
  const k = refSplit(d.length);
  return m <= k
    ? [...SUBPROOF(m, d.slice(0, k), b), MTH(d.slice(k))]
    : [...SUBPROOF(m - k, d.slice(k), false), MTH(d.slice(0, k))];
}
// The batch proof, literally: MTH of every maximal range of the recursion that holds none of the chosen leaves.
function BATCH(chosen: Set<number>, d: Uint8Array[], offset = 0): Buffer[] {
  const inside = [...chosen].some((m) => m >= offset && m < offset + d.length);
  if (!inside) return [MTH(d)];
  if (d.length === 1) return [];
  const k = refSplit(d.length);
  return [...BATCH(chosen, d.slice(0, k), offset), ...BATCH(chosen, d.slice(k), offset + k)];
}
const PROOF = (m: number, d: Uint8Array[]) => (m === 0 || m === d.length ? [] : SUBPROOF(m, d, true));

const MAX = 64;
const leaves = Array.from({ length: MAX }, (_, i) => Buffer.from(`leaf ${i}`));
const hex = (hashes: Uint8Array[]) => hashes.map((h) => Buffer.from(h).toString('hex'));

const key = (level: number, index: bigint) => `${level}:${index}`;

/**
 * The node's storage, filled only through appendPlan in the given batches. Checks as it goes that a plan reads
 * only stored nodes it listed, writes each node once, and returns the RFC 6962 root of the new size.
 */
function buildStore(batches: number[]): Map<string, Uint8Array> {
  const store = new Map<string, Uint8Array>();
  let size = 0;
  for (const count of batches) {
    const plan = appendPlan(size, count);
    const reads = new Set(plan.reads.map(({ level, index }) => key(level, index)));
    const get: HashGetter = (level, index) => {
      const hash = store.get(key(level, index));
      if (!reads.has(key(level, index)) || !hash)
        throw new Error(`unplanned or missing read ${key(level, index)}`);
      return hash;
    };
    const { nodes, root } = plan.assemble(
      leaves.slice(size, size + count).map((leaf) => leafHash(leaf)),
      get,
    );
    if (
      nodes.some((node, i) => node.level !== plan.writes[i]?.level || node.index !== plan.writes[i]?.index)
    ) {
      throw new Error('assembled nodes differ from planned writes');
    }
    for (const node of nodes) {
      if (store.has(key(node.level, node.index)))
        throw new Error(`node ${key(node.level, node.index)} written twice`);
      store.set(key(node.level, node.index), node.hash);
    }
    size += count;
    if (!Buffer.from(root).equals(MTH(leaves.slice(0, size)))) throw new Error(`wrong root at size ${size}`);
  }
  return store;
}

const store = buildStore(Array.from({ length: MAX }, () => 1));

/** A getter that only serves nodes the plan listed, and only nodes complete in a tree of `size` leaves. */
function getterFor(plan: HashPlan<unknown>, size: number): HashGetter {
  const listed = new Set(plan.nodes.map(({ level, index }) => key(level, index)));
  expect(listed.size).toBe(plan.nodes.length);
  return (level, index) => {
    const hash = store.get(key(level, index));
    if (!listed.has(key(level, index))) throw new Error(`unlisted node ${key(level, index)}`);
    if ((index + 1n) << BigInt(level) > BigInt(size)) throw new Error(`incomplete node ${key(level, index)}`);
    if (!hash) throw new Error(`missing node ${key(level, index)}`);
    return hash;
  };
}

function flipByte(hash: Uint8Array): Buffer {
  const copy = Buffer.from(hash);
  copy[7] = (copy[7] as number) ^ 0x40;
  return copy;
}

describe('appendPlan', () => {
  it('fills the store with every perfect subtree, reading only stored nodes, and returns each new root', () => {
    for (const batches of [[1, 1, 1, 2, 3, 1, 5, 8, 1, 4, 13, 24], [64], [7, 57], [32, 31, 1]]) {
      const batched = buildStore(batches);
      // Every perfect subtree of 64 leaves: 64 + 32 + ... + 1, identical whatever the batching.
      expect(batched.size).toBe(127);
      expect(
        [...batched.entries()].every(([k, hash]) => Buffer.from(hash).equals(store.get(k) as Uint8Array)),
      ).toBe(true);
    }
    expect(store.size).toBe(127);
  });

  it('reads at most two nodes per level for a single append', () => {
    for (const size of [0, 1, 7, 8, 1023, 1 << 20, 2 ** 40 - 1]) {
      const plan = appendPlan(size);
      expect(plan.reads.length).toBeLessThanOrEqual(2 * 64);
      expect(plan.writes.length).toBe(1 + (size.toString(2).match(/1+$/)?.[0].length ?? 0));
    }
  });

  it('refuses bad arguments', () => {
    expect(() => appendPlan(-1)).toThrow();
    expect(() => appendPlan(0, 0)).toThrow();
    expect(() => appendPlan(0.5)).toThrow();
    expect(() =>
      appendPlan(3, 2).assemble([leafHash(leaves[0] as Buffer)], () => new Uint8Array(32)),
    ).toThrow();
  });
});

describe('rootPlan', () => {
  it('equals MTH for every size 0..64', () => {
    expect(rootPlan(0).nodes).toEqual([]);
    expect(rootPlan(0).assemble(() => new Uint8Array(32))).toEqual(emptyRoot());
    expect(emptyRoot().toString('hex')).toBe(MTH([]).toString('hex'));
    for (let n = 1; n <= MAX; n++) {
      const plan = rootPlan(n);
      expect(plan.nodes.length).toBe(n.toString(2).replaceAll('0', '').length);
      expect(Buffer.from(plan.assemble(getterFor(plan, n))).toString('hex')).toBe(
        MTH(leaves.slice(0, n)).toString('hex'),
      );
    }
  });
});

describe('inclusion proofs', () => {
  it('match RFC 6962 PATH and verify, for every size 1..64 and every index', () => {
    for (let n = 1; n <= MAX; n++) {
      const d = leaves.slice(0, n);
      const root = MTH(d);
      for (let m = 0; m < n; m++) {
        const plan = inclusionPlan(m, n);
        const proof = plan.assemble(getterFor(plan, n));
        expect(hex(proof)).toEqual(hex(PATH(m, d)));
        expect(verifyInclusion({ leaf: d[m] as Buffer, index: m, size: n, proof, root })).toBe(true);
        expect(
          verifyInclusion({
            leafHash: refLeaf(d[m] as Buffer),
            index: BigInt(m),
            size: BigInt(n),
            proof,
            root,
          }),
        ).toBe(true);
      }
    }
  });

  it('reject an altered hash, index, size, leaf or proof length', () => {
    for (let n = 1; n <= MAX; n++) {
      const d = leaves.slice(0, n);
      const root = MTH(d);
      for (let m = 0; m < n; m++) {
        const proof = PATH(m, d);
        const leaf = d[m] as Buffer;
        const ok = { leaf, index: m, size: n, proof, root };
        proof.forEach((_, i) => {
          const altered = proof.map((h, j) => (i === j ? flipByte(h) : h));
          expect(verifyInclusion({ ...ok, proof: altered })).toBe(false);
        });
        expect(verifyInclusion({ ...ok, root: flipByte(root) })).toBe(false);
        expect(verifyInclusion({ ...ok, leaf: Buffer.from(`${leaf}!`) })).toBe(false);
        for (const index of [m - 1, m + 1, m + n]) {
          if (index >= 0) expect(verifyInclusion({ ...ok, index })).toBe(false);
        }
        // A root is bound to its size by the signed checkpoint, so claim another size with that size's own root.
        for (const size of [n - 1, n + 1, 2 * n]) {
          if (size > m && size <= MAX) {
            expect(verifyInclusion({ ...ok, size, root: MTH(leaves.slice(0, size)) }), `size ${size}`).toBe(
              false,
            );
          }
        }
        if (proof.length > 0) expect(verifyInclusion({ ...ok, proof: proof.slice(0, -1) })).toBe(false);
        expect(verifyInclusion({ ...ok, proof: [...proof, root] })).toBe(false);
      }
    }
  });

  it('reject malformed input without throwing', () => {
    const d = leaves.slice(0, 5);
    const proof = PATH(2, d);
    const ok = { leaf: d[2] as Buffer, index: 2, size: 5, proof, root: MTH(d) };
    expect(verifyInclusion(ok)).toBe(true);
    for (const bad of [
      { ...ok, index: -1 },
      { ...ok, index: 1.5 },
      { ...ok, index: 5 },
      { ...ok, size: 0 },
      { ...ok, size: Number.MAX_SAFE_INTEGER + 1 },
      { ...ok, root: MTH(d).subarray(0, 31) },
      { ...ok, proof: [...proof.slice(0, -1), Buffer.alloc(33)] },
      { ...ok, proof: 'not an array' },
      { ...ok, leafHash: refLeaf(d[2] as Buffer) },
      null,
    ]) {
      expect(verifyInclusion(bad as never)).toBe(false);
    }
    expect(() => inclusionPlan(5, 5)).toThrow();
  });
});

describe('consistency proofs', () => {
  it('match RFC 6962 PROOF and verify, for every pair 0 <= m <= n <= 64', () => {
    for (let n = 0; n <= MAX; n++) {
      const newRoot = MTH(leaves.slice(0, n));
      for (let m = 0; m <= n; m++) {
        const plan = consistencyPlan(m, n);
        const proof = plan.assemble(getterFor(plan, n));
        expect(hex(proof)).toEqual(hex(PROOF(m, leaves.slice(0, n))));
        const oldRoot = MTH(leaves.slice(0, m));
        expect(verifyConsistency({ from: m, to: n, proof, oldRoot, newRoot }), `${m} -> ${n}`).toBe(true);
      }
    }
  });

  it('reject an altered hash, size or proof length', () => {
    for (let n = 1; n <= MAX; n++) {
      const newRoot = MTH(leaves.slice(0, n));
      for (let m = 1; m <= n; m++) {
        const proof = PROOF(m, leaves.slice(0, n));
        const oldRoot = MTH(leaves.slice(0, m));
        const ok = { from: m, to: n, proof, oldRoot, newRoot };
        proof.forEach((_, i) => {
          const altered = proof.map((h, j) => (i === j ? flipByte(h) : h));
          expect(verifyConsistency({ ...ok, proof: altered })).toBe(false);
        });
        expect(verifyConsistency({ ...ok, oldRoot: flipByte(oldRoot) })).toBe(false);
        expect(verifyConsistency({ ...ok, newRoot: flipByte(newRoot) })).toBe(false);
        // As for inclusion: each claimed size comes with that size's own root.
        for (const from of [m - 1, m + 1]) {
          if (from >= 1 && from <= n) {
            const altered = { ...ok, from, oldRoot: MTH(leaves.slice(0, from)) };
            expect(verifyConsistency(altered), `from ${from}`).toBe(false);
          }
        }
        for (const to of [n - 1, n + 1, 2 * n]) {
          if (to !== n && to >= m && to <= MAX) {
            const altered = { ...ok, to, newRoot: MTH(leaves.slice(0, to)) };
            expect(verifyConsistency(altered), `to ${to}`).toBe(false);
          }
        }
        if (proof.length > 0) expect(verifyConsistency({ ...ok, proof: proof.slice(0, -1) })).toBe(false);
        expect(verifyConsistency({ ...ok, proof: [...proof, newRoot] })).toBe(false);
      }
    }
  });

  it('handle the empty tree and equal sizes explicitly', () => {
    const root3 = MTH(leaves.slice(0, 3));
    expect(verifyConsistency({ from: 0, to: 3, proof: [], oldRoot: emptyRoot(), newRoot: root3 })).toBe(true);
    expect(verifyConsistency({ from: 0, to: 3, proof: [], oldRoot: root3, newRoot: root3 })).toBe(false);
    expect(verifyConsistency({ from: 3, to: 3, proof: [], oldRoot: root3, newRoot: root3 })).toBe(true);
    expect(verifyConsistency({ from: 3, to: 3, proof: [root3], oldRoot: root3, newRoot: root3 })).toBe(false);
    expect(verifyConsistency({ from: 4, to: 3, proof: [], oldRoot: root3, newRoot: root3 })).toBe(false);
    expect(() => consistencyPlan(4, 3)).toThrow();
  });
});

describe('hashing', () => {
  it('uses the RFC 6962 domain separation prefixes', () => {
    const a = sha256(Buffer.from('a'));
    const b = sha256(Buffer.from('b'));
    expect(leafHash(Buffer.from('x'))).toEqual(sha256(Uint8Array.of(0), Buffer.from('x')));
    expect(nodeHash(a, b)).toEqual(sha256(Uint8Array.of(1), a, b));
  });
});

describe('batch inclusion', () => {
  const prove = (indexes: number[], size: number) => {
    const plan = batchInclusionPlan(indexes, size);
    return plan.assemble(getterFor(plan, size));
  };
  const input = (indexes: number[], size: number, proof: Uint8Array[]) => ({
    leaves: indexes.map((index) => ({ index, leafHash: leafHash(leaves[index] as Uint8Array) })),
    size,
    proof,
    root: MTH(leaves.slice(0, size)),
  });
  const subsets = fc
    .integer({ min: 1, max: MAX })
    .chain((size) =>
      fc.tuple(
        fc.constant(size),
        fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: size }),
      ),
    );

  it('matches the literal recursion and verifies, for every run of consecutive leaves in trees to 24', () => {
    for (let size = 1; size <= 24; size++) {
      for (let first = 0; first < size; first++) {
        for (let end = first + 1; end <= size; end++) {
          const indexes = Array.from({ length: end - first }, (_, i) => first + i);
          const proof = prove(indexes, size);
          expect(hex(proof)).toEqual(hex(BATCH(new Set(indexes), leaves.slice(0, size))));
          expect(verifyBatchInclusion(input(indexes, size, proof))).toBe(true);
        }
      }
    }
  });

  it('matches the literal recursion and verifies for any set of leaves in trees to 64', () => {
    fc.assert(
      fc.property(subsets, ([size, chosen]) => {
        const indexes = [...chosen].sort((a, b) => a - b);
        const proof = prove(indexes, size);
        expect(hex(proof)).toEqual(hex(BATCH(new Set(indexes), leaves.slice(0, size))));
        expect(verifyBatchInclusion(input(indexes, size, proof))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('fails when any hash, index, leaf or the root is altered, or a hash is missing or added', () => {
    fc.assert(
      fc.property(subsets, fc.nat(), ([size, chosen], pick) => {
        const indexes = [...chosen].sort((a, b) => a - b);
        const proof = prove(indexes, size);
        const ok = input(indexes, size, proof);
        const at = pick % Math.max(proof.length, 1);
        if (proof.length > 0) {
          expect(
            verifyBatchInclusion({ ...ok, proof: proof.map((h, i) => (i === at ? flipByte(h) : h)) }),
          ).toBe(false);
          expect(verifyBatchInclusion({ ...ok, proof: proof.slice(0, -1) })).toBe(false);
        }
        expect(verifyBatchInclusion({ ...ok, proof: [...proof, MTH(leaves.slice(0, 1))] })).toBe(false);
        const leafAt = pick % indexes.length;
        const flipped = ok.leaves.map((l, i) =>
          i === leafAt ? { ...l, leafHash: flipByte(l.leafHash) } : l,
        );
        expect(verifyBatchInclusion({ ...ok, leaves: flipped })).toBe(false);
        const moved = (indexes[leafAt] as number) + 1;
        if (moved < size && !chosen.includes(moved)) {
          const shifted = ok.leaves.map((l, i) => (i === leafAt ? { ...l, index: moved } : l));
          expect(verifyBatchInclusion({ ...ok, leaves: shifted })).toBe(false);
        }
        // A changed size is not always detectable (it may shape the same recursion, as with RFC 9162's own
        // inclusion proofs): the checkpoint's signature binds size and root together.
        expect(verifyBatchInclusion({ ...ok, root: flipByte(ok.root) })).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('gives each leaf its own RFC 9162 audit path, equal to the literal PATH, only when the batch proof holds', () => {
    fc.assert(
      fc.property(subsets, ([size, chosen]) => {
        const indexes = [...chosen].sort((a, b) => a - b);
        const ok = input(indexes, size, prove(indexes, size));
        const paths = batchInclusionPaths(ok) as Uint8Array[][];
        expect(paths.map(hex)).toEqual(indexes.map((m) => hex(PATH(m, leaves.slice(0, size)))));
        for (const [i, leaf] of ok.leaves.entries()) {
          expect(verifyInclusion({ ...leaf, size, proof: paths[i] as Uint8Array[], root: ok.root })).toBe(
            true,
          );
        }
        expect(batchInclusionPaths({ ...ok, root: flipByte(ok.root) })).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('refuses unsorted, repeated or out-of-range indexes', () => {
    expect(() => batchInclusionPlan([3, 2], 8)).toThrow();
    expect(() => batchInclusionPlan([2, 2], 8)).toThrow();
    expect(() => batchInclusionPlan([8], 8)).toThrow();
    expect(() => batchInclusionPlan([], 8)).toThrow();
    const proof = prove([2, 3], 8);
    const ok = input([2, 3], 8, proof);
    expect(verifyBatchInclusion(ok)).toBe(true);
    expect(verifyBatchInclusion({ ...ok, leaves: [...ok.leaves].reverse() })).toBe(false);
    expect(verifyBatchInclusion({ ...ok, leaves: [] })).toBe(false);
  });
});
