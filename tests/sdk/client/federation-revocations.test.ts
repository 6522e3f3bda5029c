import { describe, expect, it } from 'vitest';
import type { SignedRecord } from '../../../schemas/record.js';
import { loadFederation, loadFederationWithAnnouncements } from '../../../sdk/federation/index.js';
import {
  type Ed25519KeyPair,
  generateKeyPair,
  publicJwk,
  signKeyAnnouncement,
  signKeyRotation,
} from '../../../sdk/keys/index.js';
import { newNonce, signRecord, verifyRecord } from '../../../sdk/record/index.js';

// Revocations reach offline verification through the same signed announcements a node serves.
const de = { stolen: generateKeyPair(), current: generateKeyPair(), successor: generateKeyPair() };
const fr = generateKeyPair();
const file = {
  members: [
    { id: 'DE', keys: { record: [de.stolen.kid, de.current.kid] } },
    { id: 'FR', keys: { record: [fr.kid] } },
  ],
};
const jwks = [de.stolen, de.current, de.successor, fr].map((pair) => publicJwk(pair.publicKey));
const since = '2026-03-01T00:00:00Z';

const revocation = (member: string, kid: string, signer: Ed25519KeyPair, start = since) =>
  signKeyAnnouncement(
    { type: 'key-revocation', member, role: 'record', kid, since: start, at: '2026-03-02T00:00:00Z' },
    signer,
  );

const byStolenKey = signRecord(
  {
    type: 'retraction',
    author: 'DE',
    createdAt: '2026-04-01T00:00:00Z',
    nonce: newNonce(),
    retracts: 'ab'.repeat(32),
    reason: 'Signed by whoever holds the stolen key.',
    tlp: 'TLP:GREEN',
  } as SignedRecord,
  de.stolen,
).jws;

describe('loadFederationWithAnnouncements', () => {
  it('applies a member’s valid revocation of its own key: what the key signed is refused offline', async () => {
    const announcement = await revocation('DE', de.stolen.kid, de.current);
    const federation = await loadFederationWithAnnouncements(file, jwks, [announcement]);
    expect(federation.ignoredAnnouncements).toEqual([]);
    expect(federation.records.resolve(de.stolen.kid)?.revokedSince).toBe(since);
    expect(verifyRecord(byStolenKey, federation.records.resolve)).toMatchObject({
      ok: false,
      code: 'key_revoked',
      kid: de.stolen.kid,
    });
    // What the key signed before the revocation, by a trusted log time, still verifies.
    expect(
      verifyRecord(byStolenKey, federation.records.resolve, { loggedAt: '2026-02-01T00:00:00Z' }).ok,
    ).toBe(true);
    // Without announcements, nothing is revoked.
    expect(verifyRecord(byStolenKey, loadFederation(file, jwks).records.resolve).ok).toBe(true);
  });

  it('ignores a revocation of DE’s key signed by FR’s key', async () => {
    const forged = await revocation('DE', de.stolen.kid, fr);
    const federation = await loadFederationWithAnnouncements(file, jwks, [forged]);
    expect(federation.ignoredAnnouncements).toEqual([forged]);
    expect(federation.records.resolve(de.stolen.kid)?.revokedSince).toBeUndefined();
    expect(verifyRecord(byStolenKey, federation.records.resolve).ok).toBe(true);
    // Nor may FR, in its own name, revoke a key pinned to DE.
    const inFrName = await revocation('FR', de.stolen.kid, fr);
    expect((await loadFederationWithAnnouncements(file, jwks, [inFrName])).ignoredAnnouncements).toEqual([
      inFrName,
    ]);
  });

  it('ignores a revocation signed by a key the file does not pin, and one whose signer is revoked', async () => {
    const unpinned = await revocation('DE', de.stolen.kid, de.successor);
    expect((await loadFederationWithAnnouncements(file, jwks, [unpinned])).ignoredAnnouncements).toEqual([
      unpinned,
    ]);
    // The thief's revocation of the key in use, once the member revoked the stolen key: the stolen key signs nothing.
    const ours = await revocation('DE', de.stolen.kid, de.current);
    const theirs = await revocation('DE', de.current.kid, de.stolen, '1970-01-01T00:00:00Z');
    const federation = await loadFederationWithAnnouncements(file, jwks, [ours]);
    expect(federation.records.resolve(de.current.kid)?.revokedSince).toBeUndefined();
    const both = await loadFederationWithAnnouncements(file, jwks, [theirs, ours]);
    expect(both.records.resolve(de.current.kid)?.revokedSince).toBeUndefined();
  });

  it('lets a revocation only move earlier, whatever the order of the announcements', async () => {
    const later = await revocation('DE', de.stolen.kid, de.current, '2026-06-01T00:00:00Z');
    const earlier = await revocation('DE', de.stolen.kid, de.current);
    for (const order of [
      [later, earlier],
      [earlier, later],
    ]) {
      const federation = await loadFederationWithAnnouncements(file, jwks, order);
      expect(federation.records.resolve(de.stolen.kid)?.revokedSince).toBe(since);
    }
  });

  it('pins no key from a rotation: the file decides which keys count', async () => {
    const brand = generateKeyPair();
    const rotated = await signKeyRotation(
      { member: 'DE', role: 'record', at: '2026-03-02T00:00:00Z' },
      de.current,
      brand,
    );
    const newJwk = publicJwk(brand.publicKey);
    const federation = await loadFederationWithAnnouncements(file, [...jwks, newJwk], [rotated]);
    expect(federation.ignoredAnnouncements).toEqual([]);
    expect(federation.records.resolve(brand.kid)).toBeUndefined();
    expect(federation.records.resolve(de.current.kid)?.revokedSince).toBeUndefined();
  });

  it('follows rotations to the key in force for the revocations it signs, some rotations after the file', async () => {
    const [second, third] = [generateKeyPair(), generateKeyPair()];
    const at = '2026-03-02T00:00:00Z';
    const chain = [
      await signKeyRotation({ member: 'DE', role: 'record', at }, de.current, second),
      await signKeyRotation({ member: 'DE', role: 'record', at }, second, third),
    ];
    const revoked = await revocation('DE', de.stolen.kid, third);
    const federation = await loadFederationWithAnnouncements(file, jwks, [revoked, ...chain]);
    expect(federation.ignoredAnnouncements).toEqual([]);
    expect(federation.records.resolve(de.stolen.kid)?.revokedSince).toBe(since);
    expect(federation.records.resolve(third.kid)).toBeUndefined();
  });
});

describe('loadFederation revocations option', () => {
  it('applies revocations given as trusted input', () => {
    const federation = loadFederation(file, jwks, { revocations: [{ kid: de.stolen.kid, since }] });
    expect(verifyRecord(byStolenKey, federation.records.resolve)).toMatchObject({ code: 'key_revoked' });
    expect(federation.log.resolve(de.stolen.kid)).toBeUndefined();
  });
});
