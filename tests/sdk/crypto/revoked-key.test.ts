import { describe, expect, it } from 'vitest';
import type { RetractionRecord } from '../../../schemas/record.js';
import { generateKeyPair, PinnedKeySet, publicJwk } from '../../../sdk/keys/index.js';
import { newNonce, type RecordVerification, signRecord, verifyRecord } from '../../../sdk/record/index.js';

// A revoked key may be a thief's: what it signed counts only with a trusted time of logging before the
// revocation's start (DESIGN.md, decision 4).
const stolen = generateKeyPair();
const current = generateKeyPair();
const since = '2026-03-01T00:00:00Z';
const pinned = PinnedKeySet.fromKeys([
  { member: 'DE', jwk: publicJwk(stolen.publicKey), revokedSince: since },
  { member: 'DE', jwk: publicJwk(current.publicKey) },
]);

const retraction = (): RetractionRecord => ({
  type: 'retraction',
  author: 'DE',
  createdAt: '2026-02-01T00:00:00Z',
  nonce: newNonce(),
  retracts: 'ab'.repeat(32),
  reason: 'Duplicate of an earlier report.',
  tlp: 'TLP:GREEN',
});
const signedWithStolen = signRecord(retraction(), stolen);

function failure(result: RecordVerification) {
  expect(result.ok).toBe(false);
  return result.ok ? undefined : { code: result.code, id: result.id, kid: result.kid };
}

describe('verifyRecord with a revoked key', () => {
  it('refuses what the key signed when the caller vouches for no time of logging', () => {
    expect(failure(verifyRecord(signedWithStolen.jws, pinned.resolve))).toEqual({
      code: 'key_revoked',
      id: signedWithStolen.id,
      kid: stolen.kid,
    });
  });

  it('admits it when logged strictly before the revocation started, compared as instants', () => {
    const admitted = verifyRecord(signedWithStolen.jws, pinned.resolve, { loggedAt: '2026-02-28T23:59:59Z' });
    expect(admitted).toMatchObject({ ok: true, id: signedWithStolen.id, author: 'DE', kid: stolen.kid });
    // Earlier as an instant, though later as text: 00:30+01:00 is 23:30 the day before, in UTC.
    const offset = verifyRecord(signedWithStolen.jws, pinned.resolve, {
      loggedAt: '2026-03-01T00:30:00+01:00',
    });
    expect(offset.ok).toBe(true);
  });

  it('refuses it when logged at or after the start, or at a time that does not parse', () => {
    for (const loggedAt of [since, '2026-03-01T00:00:00.000Z', '2026-06-01T00:00:00Z', 'not a time', '']) {
      expect(failure(verifyRecord(signedWithStolen.jws, pinned.resolve, { loggedAt }))?.code).toBe(
        'key_revoked',
      );
    }
    // Later as an instant, though earlier as text.
    const offset = verifyRecord(signedWithStolen.jws, pinned.resolve, {
      loggedAt: '2026-02-28T23:30:00-01:00',
    });
    expect(failure(offset)?.code).toBe('key_revoked');
  });

  it('refuses everything the key signed when the revocation start itself does not parse', () => {
    const broken = PinnedKeySet.fromKeys([
      { member: 'DE', jwk: publicJwk(stolen.publicKey), revokedSince: 'soon' },
    ]);
    const result = verifyRecord(signedWithStolen.jws, broken.resolve, { loggedAt: '1999-01-01T00:00:00Z' });
    expect(failure(result)?.code).toBe('key_revoked');
  });

  it('leaves records of the member’s other keys alone', () => {
    expect(verifyRecord(signRecord(retraction(), current).jws, pinned.resolve).ok).toBe(true);
  });

  it('still reports a bad signature as bad_signature, not as a revocation', () => {
    const [header, payload] = signedWithStolen.jws.split('.');
    const otherSignature = signRecord(retraction(), stolen).jws.split('.')[2];
    expect(failure(verifyRecord(`${header}.${payload}.${otherSignature}`, pinned.resolve))?.code).toBe(
      'bad_signature',
    );
  });
});

describe('PinnedKeySet revocations', () => {
  it('keeps the earliest start when a key is listed revoked twice, and refuses to have it lifted', () => {
    const jwk = publicJwk(stolen.publicKey);
    const keys = PinnedKeySet.fromKeys([
      { member: 'DE', jwk, revokedSince: '2026-05-01T00:00:00Z' },
      { member: 'DE', jwk, revokedSince: since },
      { member: 'DE', jwk },
    ]);
    expect(keys.resolve(stolen.kid)?.revokedSince).toBe(since);
    const resolved = keys.resolve(stolen.kid) as { revokedSince?: string };
    expect(() => {
      delete resolved.revokedSince;
    }).toThrow(TypeError);
    expect(verifyRecord(signedWithStolen.jws, keys.resolve).ok).toBe(false);
  });

  it('marks pinned keys of a federation file revoked, earliest start first, and ignores unpinned kids', () => {
    const federation = { members: [{ id: 'DE', keys: { record: [stolen.kid, current.kid] } }] };
    const jwks = [stolen, current].map((pair) => publicJwk(pair.publicKey));
    const records = PinnedKeySet.fromFederation(federation, jwks, 'record', [
      { kid: stolen.kid, since: '2026-05-01T00:00:00Z' },
      { kid: stolen.kid, since },
      { kid: generateKeyPair().kid, since },
    ]);
    expect(records.resolve(stolen.kid)?.revokedSince).toBe(since);
    expect(records.resolve(current.kid)?.revokedSince).toBeUndefined();
    expect(failure(verifyRecord(signedWithStolen.jws, records.resolve))?.code).toBe('key_revoked');
  });
});
