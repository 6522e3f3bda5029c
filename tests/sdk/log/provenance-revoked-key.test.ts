import { describe, expect, it } from 'vitest';
import type { ProvenanceBundle } from '../../../schemas/api/provenance.js';
import type { SignedRecord } from '../../../schemas/record.js';
import { canonicalJson } from '../../../sdk/canonical.js';
import { encodeBase64, generateKeyPair, PinnedKeySet, publicJwk } from '../../../sdk/keys/index.js';
import {
  ed25519NoteSigner,
  leafHash,
  logOrigin,
  signCheckpoint,
  verifyProvenance,
} from '../../../sdk/log/index.js';
import { newNonce, signRecord } from '../../../sdk/record/index.js';
import { observationBody } from '../../federation/support/bodies.js';

// DE's record key was revoked from `since`: a record it signed verifies only where the bundle proves DE
// itself logged the record before then.
type Pair = ReturnType<typeof generateKeyPair>;
const deRecord = generateKeyPair();
const logKeys: Record<string, Pair> = { DE: generateKeyPair(), FR: generateKeyPair(), JP: generateKeyPair() };
const since = '2026-03-01T00:00:00Z';
const before = '2026-02-01T00:00:00.000Z';
const after = '2026-03-01T00:00:00.000Z';
const { id, jws } = signRecord(
  {
    ...observationBody('TLP:GREEN'),
    type: 'observation',
    author: 'DE',
    createdAt: '2026-01-01T00:00:00Z',
    nonce: newNonce(),
  } as SignedRecord,
  deRecord,
);

/** A one-leaf log of `member` logging the record at `at` as delivered `from`, signed by `signer`. */
function oneLeafLog(member: string, from: string, at: string, signer = logKeys[member] as Pair) {
  const leaf = Buffer.from(canonicalJson({ type: 'record', id, author: 'DE', from, at }), 'utf8');
  const origin = logOrigin(member);
  const checkpoint = signCheckpoint(
    { origin, size: 1n, rootHash: leafHash(leaf), extensions: [] },
    ed25519NoteSigner(origin, signer.privateKey),
  );
  return { member, origin, leaf: encodeBase64(leaf), leafIndex: 0, treeSize: 1, hashes: [], checkpoint };
}

function bundle(
  node: string,
  log: ReturnType<typeof oneLeafLog>,
  upstream?: ReturnType<typeof oneLeafLog>,
): ProvenanceBundle {
  const from = JSON.parse(Buffer.from(log.leaf, 'base64').toString('utf8')).from as string;
  return {
    version: 1,
    record: { id, jws },
    author: { member: 'DE', key: publicJwk(deRecord.publicKey) },
    node: { member: node, logKey: publicJwk((logKeys[node] as Pair).publicKey) },
    hop: { from, receivedAt: before, receipts: [] },
    log,
    ...(upstream
      ? { upstream: { ...upstream, logKey: publicJwk((logKeys[upstream.member] as Pair).publicKey) } }
      : {}),
    notes: [],
  } as unknown as ProvenanceBundle;
}

const trustWith = (revokedSince?: string) => ({
  recordKeys: PinnedKeySet.fromKeys([{ member: 'DE', jwk: publicJwk(deRecord.publicKey), revokedSince }])
    .resolve,
  logKeys: (member: string) => (logKeys[member] ? [(logKeys[member] as Pair).publicKey] : []),
});
const revoked = trustWith(since);

function authorStep(verdict: ReturnType<typeof verifyProvenance>) {
  expect(verdict.steps[0]?.step).toBe('author signature');
  return verdict.steps[0];
}

describe('verifyProvenance with the author’s key revoked', () => {
  it('accepts a record DE logged itself before the revocation, on DE’s own node', () => {
    const verdict = verifyProvenance(bundle('DE', oneLeafLog('DE', 'self', before)), revoked);
    expect(verdict.steps.filter((step) => !step.ok)).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(authorStep(verdict)?.detail).toMatch(/revoked since 2026-03-01T00:00:00Z/);
  });

  it('refuses one DE logged at or after the start, on DE’s own node', () => {
    const verdict = verifyProvenance(bundle('DE', oneLeafLog('DE', 'self', after)), revoked);
    expect(verdict.ok).toBe(false);
    expect(authorStep(verdict)).toMatchObject({ ok: false, detail: expect.stringMatching(/^key_revoked/) });
    expect(verdict.record).toBeUndefined();
  });

  it('accepts a record pulled from DE when DE’s proven leaf is before the start, whenever FR logged it', () => {
    const verdict = verifyProvenance(
      bundle('FR', oneLeafLog('FR', 'DE', '2026-06-01T00:00:00.000Z'), oneLeafLog('DE', 'self', before)),
      revoked,
    );
    expect(verdict.steps.filter((step) => !step.ok)).toEqual([]);
    expect(verdict.ok).toBe(true);
  });

  it('refuses one pulled from DE whose DE leaf is after the start, though FR logged it before', () => {
    const verdict = verifyProvenance(
      bundle('FR', oneLeafLog('FR', 'DE', before), oneLeafLog('DE', 'self', after)),
      revoked,
    );
    expect(verdict.ok).toBe(false);
    expect(authorStep(verdict)?.detail).toMatch(/^key_revoked/);
  });

  it('does not trust an early leaf time whose log does not verify', () => {
    // DE's leaf says "before", but its checkpoint is signed by a key that is not DE's log key.
    const forged = oneLeafLog('DE', 'self', before, generateKeyPair());
    const verdict = verifyProvenance(bundle('FR', oneLeafLog('FR', 'DE', before), forged), revoked);
    expect(verdict.ok).toBe(false);
    expect(authorStep(verdict)?.detail).toMatch(/^key_revoked/);
    const own = verifyProvenance(bundle('DE', oneLeafLog('DE', 'self', before, generateKeyPair())), revoked);
    expect(authorStep(own)?.detail).toMatch(/^key_revoked/);
  });

  it('does not take a relay’s leaf time for the author’s, nor this node’s when it did not write the record', () => {
    const relayed = verifyProvenance(
      bundle('FR', oneLeafLog('FR', 'JP', before), oneLeafLog('JP', 'DE', before)),
      revoked,
    );
    expect(relayed.ok).toBe(false);
    expect(authorStep(relayed)?.detail).toMatch(/^key_revoked/);
    // The same relayed bundle verifies when the key is not revoked: only the revocation refuses it.
    expect(
      verifyProvenance(
        bundle('FR', oneLeafLog('FR', 'JP', before), oneLeafLog('JP', 'DE', before)),
        trustWith(),
      ).ok,
    ).toBe(true);
    const pushed = verifyProvenance(bundle('FR', oneLeafLog('FR', 'DE', before)), revoked);
    expect(authorStep(pushed)?.detail).toMatch(/^key_revoked/);
  });
});

describe('verifyProvenance with the author’s log key revoked too', () => {
  it('takes no leaf time from a checkpoint the revoked log key signed: a thief holding both keys could backdate', () => {
    const pinned = PinnedKeySet.fromKeys([
      { member: 'DE', jwk: publicJwk((logKeys.DE as Pair).publicKey), revokedSince: since },
    ]);
    expect(pinned.keysOf('DE')).toEqual([]);
    const verdict = verifyProvenance(bundle('DE', oneLeafLog('DE', 'self', before)), {
      ...revoked,
      logKeys: (member: string) => pinned.keysOf(member),
    });
    expect(verdict.ok).toBe(false);
    expect(authorStep(verdict)?.detail).toMatch(/^key_revoked/);
  });
});
