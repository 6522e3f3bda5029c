import { describe, expect, it } from 'vitest';
import { encodeBase64, generateKeyPair } from '../../../sdk/keys/index.js';
import {
  ed25519NoteSigner,
  leafHash,
  logOrigin,
  nodeHash,
  signCheckpoint,
  verifyForkEvidence,
} from '../../../sdk/log/index.js';

// An honest log of DE grows from one leaf to two; the evidence's author chooses its proof.
const logKey = generateKeyPair();
const origin = logOrigin('DE');
const signer = ed25519NoteSigner(origin, logKey.privateKey);
const [first, second] = [Buffer.from('leaf-0'), Buffer.from('leaf-1')];
const checkpoint = (size: bigint, rootHash: Uint8Array) =>
  signCheckpoint({ origin, size, rootHash, extensions: [] }, signer);
const one = checkpoint(1n, leafHash(first));
const two = checkpoint(2n, nodeHash(leafHash(first), leafHash(second)));
const verdict = (earlier: string, later: string, proof: string) =>
  verifyForkEvidence({ member: 'DE', earlier, later, proof }, [logKey.publicKey]);

describe('verifyForkEvidence', () => {
  it('does not convict an honest log on a proof the accuser wrote', () => {
    for (const proof of ['"no consistency proof: 429 Too Many Requests"', '[]', '["AAAA"]']) {
      expect(verdict(one, two, proof)).toMatchObject({ forked: false, unproven: { from: 1, to: 2 } });
    }
  });

  it('is refuted by the proof that links the two sizes', () => {
    const result = verdict(one, two, JSON.stringify([encodeBase64(leafHash(second))]));
    expect(result.forked).toBe(false);
    expect(result).not.toHaveProperty('unproven');
  });

  it('is proven by two roots signed for one size', () => {
    const other = checkpoint(2n, nodeHash(leafHash(first), leafHash(Buffer.from('rewritten'))));
    expect(verdict(two, other, '[]')).toMatchObject({ forked: true });
  });

  it('proves nothing with checkpoints the member’s log key did not sign', () => {
    const stranger = ed25519NoteSigner(origin, generateKeyPair().privateKey);
    const forged = signCheckpoint({ origin, size: 2n, rootHash: leafHash(second), extensions: [] }, stranger);
    expect(verdict(two, forged, '[]').forked).toBe(false);
  });
});
