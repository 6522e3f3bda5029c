import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logNodes } from '../../api/db/schema.js';
import type { InclusionProof } from '../../schemas/api/log.js';
import { verifyInclusion } from '../../sdk/log/index.js';
import { fromBase64 as b64, flip, type GrownLog, growLog, provenSizes } from './support/grown-log.js';
import { getJson } from './support/log-node.js';
import { naivePath, naiveRoot } from './support/naive-merkle.js';

// Inclusion proofs served by the node for tree sizes up to 40 (see provenSizes) and every leaf, checked with the SDK
// verifier against the root of the checkpoint the node signed at that size, and against RFC 6962's PATH.
const maxSize = 40;
let log: GrownLog;
beforeAll(async () => {
  log = await growLog(maxSize);
});
afterAll(() => log?.node.close());

const inclusion = (query: string) =>
  getJson<InclusionProof>(log.node, `/fed/v1/log/proof/inclusion?${query}`);

describe('the log the proofs come from', () => {
  it('signed, at every size, a checkpoint of the RFC 6962 root of the leaves logged so far', () => {
    expect(log.leaves).toHaveLength(maxSize);
    for (let size = 0; size <= maxSize; size++) {
      expect(log.roots[size]).toEqual(naiveRoot(log.leaves.slice(0, size)));
    }
  });

  it('stores every perfect subtree hash, each the RFC 6962 hash of its leaves', async () => {
    const nodes = await log.node.ctx.db.select().from(logNodes);
    expect(nodes).toHaveLength(2 * maxSize - popCount(maxSize));
    for (const { level, index, hash } of nodes) {
      const first = index * 2 ** level;
      expect(Buffer.from(hash)).toEqual(naiveRoot(log.leaves.slice(first, first + 2 ** level)));
    }
  });
});

const popCount = (n: number) => n.toString(2).replaceAll('0', '').length;

describe('GET /fed/v1/log/proof/inclusion', () => {
  it('proves every leaf in trees of every size to 17 and around 32 and 40, leaf bytes included', async () => {
    for (const size of provenSizes) {
      for (let index = 0; index < size; index++) {
        const served = await inclusion(`index=${index}&size=${size}`);
        expect(served).toMatchObject({ leafIndex: index, treeSize: size });
        const leaf = b64(served.leaf);
        const proof = served.hashes.map(b64);
        expect(leaf).toEqual(log.leaves[index]);
        expect(proof).toEqual(naivePath(index, log.leaves.slice(0, size)));
        const root = log.roots[size] as Buffer;
        expect(verifyInclusion({ leaf, index: BigInt(index), size: BigInt(size), proof, root })).toBe(true);
      }
    }
  });

  it('finds a record by id, by default in the latest checkpoint, or in any tree that holds it', async () => {
    expect(log.recordAt.size).toBe(10);
    for (const [index, id] of log.recordAt) {
      const latest = await inclusion(`id=${id}`);
      expect(latest).toMatchObject({ leafIndex: index, treeSize: maxSize });
      const leaf = b64(latest.leaf);
      expect(JSON.parse(leaf.toString('utf8'))).toMatchObject({
        type: 'record',
        id,
        author: 'DE',
        from: 'self',
      });
      const root = log.roots[maxSize] as Buffer;
      expect(verifyInclusion({ leaf, index, size: maxSize, proof: latest.hashes.map(b64), root })).toBe(true);
      const smallest = await inclusion(`id=${id}&size=${index + 1}`);
      expect(smallest).toEqual(await inclusion(`index=${index}&size=${index + 1}`));
    }
  });

  it('gives proofs that fail once any hash, the index, the size, the leaf or the root is altered', async () => {
    const cases = [
      [0, 2],
      [5, 8],
      [6, 7],
      [12, 13],
      [17, 33],
      [31, 39],
      [38, 40],
    ] as const;
    for (const [index, size] of cases) {
      const served = await inclusion(`index=${index}&size=${size}`);
      const proof = served.hashes.map(b64);
      const valid = { leaf: b64(served.leaf), index, size, proof, root: log.roots[size] as Buffer };
      expect(verifyInclusion(valid)).toBe(true);
      for (let i = 0; i < proof.length; i++) {
        const altered = proof.map((hash, j) => (j === i ? flip(hash) : hash));
        expect(verifyInclusion({ ...valid, proof: altered })).toBe(false);
      }
      expect(verifyInclusion({ ...valid, index: index - 1 })).toBe(false);
      expect(verifyInclusion({ ...valid, index: index + 1 })).toBe(false);
      // A different size is only meaningful with that tree's root (the signed checkpoint binds both).
      expect(verifyInclusion({ ...valid, size: size + 1, root: log.roots[size + 1] as Buffer })).toBe(false);
      expect(verifyInclusion({ ...valid, leaf: flip(valid.leaf) })).toBe(false);
      expect(verifyInclusion({ ...valid, root: flip(valid.root) })).toBe(false);
      expect(verifyInclusion({ ...valid, proof: [...proof, valid.root] })).toBe(false);
      expect(verifyInclusion({ ...valid, proof: proof.slice(1) })).toBe(false);
    }
  });
});
