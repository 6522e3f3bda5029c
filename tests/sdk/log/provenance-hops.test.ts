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

// Bundles whose every signature and proof holds, but whose story of where the record came from does not.
const de = { record: generateKeyPair(), log: generateKeyPair() };
const logKeys: Record<string, ReturnType<typeof generateKeyPair>> = {
  DE: de.log,
  FR: generateKeyPair(),
  JP: generateKeyPair(),
};
const at = '2026-01-02T00:00:00Z';
const record = {
  ...observationBody('TLP:GREEN'),
  type: 'observation',
  author: 'DE',
  createdAt: '2026-01-01T00:00:00Z',
  nonce: newNonce(),
} as SignedRecord;
const { id, jws } = signRecord(record, de.record);

/** A one-leaf log of `member` logging the record as delivered `from`. */
function oneLeafLog(member: string, from: string) {
  const leaf = Buffer.from(canonicalJson({ type: 'record', id, author: 'DE', from, at }), 'utf8');
  const origin = logOrigin(member);
  const key = logKeys[member] as ReturnType<typeof generateKeyPair>;
  const checkpoint = signCheckpoint(
    { origin, size: 1n, rootHash: leafHash(leaf), extensions: [] },
    ed25519NoteSigner(origin, key.privateKey),
  );
  return { member, origin, leaf: encodeBase64(leaf), leafIndex: 0, treeSize: 1, hashes: [], checkpoint };
}

function bundle(from: string, upstream?: ReturnType<typeof oneLeafLog>): ProvenanceBundle {
  return {
    version: 1,
    record: { id, jws },
    author: { member: 'DE', key: publicJwk(de.record.publicKey) },
    node: { member: 'FR', logKey: publicJwk((logKeys.FR as ReturnType<typeof generateKeyPair>).publicKey) },
    hop: { from, receivedAt: at, receipts: [] },
    log: oneLeafLog('FR', from),
    ...(upstream
      ? { upstream: { ...upstream, logKey: publicJwk(logKeys[upstream.member]?.publicKey as never) } }
      : {}),
    notes: [],
  } as unknown as ProvenanceBundle;
}

const trust = {
  recordKeys: PinnedKeySet.fromKeys([{ member: 'DE', jwk: publicJwk(de.record.publicKey) }]).resolve,
  logKeys: (member: string) => (logKeys[member] ? [logKeys[member].publicKey] : []),
};

describe('verifyProvenance and the hop a record came by', () => {
  it('accepts the true story: FR got DE’s record from DE', () => {
    expect(verifyProvenance(bundle('DE', oneLeafLog('DE', 'self')), trust).ok).toBe(true);
  });

  it('refuses an upstream proof from another log than the member named as sender', () => {
    const verdict = verifyProvenance(bundle('JP', oneLeafLog('DE', 'self')), trust);
    expect(verdict.ok).toBe(false);
    expect(verdict.steps.find((step) => !step.ok)?.detail).toMatch(/upstream proof is DE's log/);
  });

  it('refuses a node that logs another member’s record as its own', () => {
    const verdict = verifyProvenance(bundle('self'), trust);
    expect(verdict.ok).toBe(false);
    expect(verdict.steps.find((step) => !step.ok)?.detail).toMatch(/logs DE's record as its own/);
  });

  it('refuses a relay whose own log claims it wrote the record', () => {
    const verdict = verifyProvenance(bundle('JP', oneLeafLog('JP', 'self')), trust);
    expect(verdict.ok).toBe(false);
    expect(verdict.steps.find((step) => !step.ok)?.detail).toMatch(/JP logs DE's record as its own/);
  });

  it('accepts a relay that names where it got the record', () => {
    expect(verifyProvenance(bundle('JP', oneLeafLog('JP', 'DE')), trust).ok).toBe(true);
  });
});
