import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsistencyProof } from '../../schemas/api/log.js';
import { verifyConsistency } from '../../sdk/log/index.js';
import { fromBase64 as b64, flip, type GrownLog, growLog, provenSizes } from './support/grown-log.js';
import { getJson } from './support/log-node.js';
import { naiveConsistency } from './support/naive-merkle.js';

// Consistency proofs served by the node between tree sizes up to 40 (see provenSizes), checked with the SDK
// verifier between the roots of the checkpoints the node signed at those sizes, and against RFC 6962's PROOF.
const maxSize = 40;
let log: GrownLog;
beforeAll(async () => {
  log = await growLog(maxSize);
});
afterAll(() => log?.node.close());

const consistency = (query: string) =>
  getJson<ConsistencyProof>(log.node, `/fed/v1/log/proof/consistency?${query}`);

describe('GET /fed/v1/log/proof/consistency', () => {
  it('links every older size to each size to 17 and around 32 and 40', async () => {
    for (const to of [0, ...provenSizes]) {
      for (let from = 0; from <= to; from++) {
        const served = await consistency(`from=${from}&to=${to}`);
        expect(served).toMatchObject({ from, to });
        const proof = served.hashes.map(b64);
        expect(proof).toEqual(naiveConsistency(from, log.leaves.slice(0, to)));
        const roots = { oldRoot: log.roots[from] as Buffer, newRoot: log.roots[to] as Buffer };
        expect(verifyConsistency({ from, to, proof, ...roots })).toBe(true);
      }
    }
  });

  it('defaults `to` to the latest checkpoint', async () => {
    expect(await consistency('from=7')).toEqual(await consistency(`from=7&to=${maxSize}`));
  });

  it('gives proofs that fail once any hash, either size or either root is altered', async () => {
    const cases = [
      [1, 2],
      [3, 7],
      [4, 8],
      [6, 40],
      [13, 31],
      [32, 40],
    ] as const;
    for (const [from, to] of cases) {
      const proof = (await consistency(`from=${from}&to=${to}`)).hashes.map(b64);
      const valid = { from, to, proof, oldRoot: log.roots[from] as Buffer, newRoot: log.roots[to] as Buffer };
      expect(verifyConsistency(valid)).toBe(true);
      for (let i = 0; i < proof.length; i++) {
        const altered = proof.map((hash, j) => (j === i ? flip(hash) : hash));
        expect(verifyConsistency({ ...valid, proof: altered })).toBe(false);
      }
      expect(verifyConsistency({ ...valid, from: from + 1, oldRoot: log.roots[from + 1] as Buffer })).toBe(
        false,
      );
      expect(verifyConsistency({ ...valid, to: to - 1, newRoot: log.roots[to - 1] as Buffer })).toBe(false);
      expect(verifyConsistency({ ...valid, oldRoot: flip(valid.oldRoot) })).toBe(false);
      expect(verifyConsistency({ ...valid, newRoot: flip(valid.newRoot) })).toBe(false);
      expect(verifyConsistency({ ...valid, proof: [...proof, valid.newRoot] })).toBe(false);
    }
  });
});
