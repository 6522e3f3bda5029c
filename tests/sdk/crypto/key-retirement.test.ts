import { describe, expect, it } from 'vitest';
import type { SignedRecord } from '../../../schemas/record.js';
import { loadFederationWithAnnouncements } from '../../../sdk/federation/index.js';
import {
  type AnnouncementKeys,
  type Ed25519KeyPair,
  generateKeyPair,
  type KeyRole,
  publicJwk,
  signKeyAnnouncement,
  verifyKeyAnnouncement,
} from '../../../sdk/keys/index.js';
import { newNonce, signRecord, verifyRecord } from '../../../sdk/record/index.js';

// DE rotated its record key from `first` to `second`, then to `current`; FR has one key. The federation file
// of a member that joined afterwards pins DE's current keys only.
const de = { first: generateKeyPair(), second: generateKeyPair(), current: generateKeyPair() };
const dePeer = { former: generateKeyPair(), current: generateKeyPair() };
const fr = generateKeyPair();
const file = {
  members: [
    { id: 'DE', keys: { record: [de.current.kid], peer: [dePeer.current.kid] } },
    { id: 'FR', keys: { record: [fr.kid] } },
  ],
};
const jwks = [de.current, dePeer.current, fr].map((pair) => publicJwk(pair.publicKey));
const since = '2026-03-01T00:00:00Z';
const at = '2026-03-01T00:00:01Z';

const retirement = (
  retired: Ed25519KeyPair,
  signer: Ed25519KeyPair,
  options: { member?: string; role?: KeyRole; start?: string; jwkOf?: Ed25519KeyPair } = {},
) =>
  signKeyAnnouncement(
    {
      type: 'key-retirement',
      member: options.member ?? 'DE',
      role: options.role ?? 'record',
      kid: retired.kid,
      jwk: publicJwk((options.jwkOf ?? retired).publicKey),
      since: options.start ?? since,
      at,
    },
    signer,
  );

const signedBy = (key: Ed25519KeyPair) =>
  signRecord(
    {
      type: 'retraction',
      author: 'DE',
      createdAt: '2026-02-01T00:00:00Z',
      nonce: newNonce(),
      retracts: 'ab'.repeat(32),
      reason: 'Signed before the rotation.',
      tlp: 'TLP:GREEN',
    } as SignedRecord,
    key,
  ).jws;

describe('key-retirement announcements offline', () => {
  it('pin the retired key, revoked from its start: an old record verifies only given a time of logging before it', async () => {
    const federation = await loadFederationWithAnnouncements(file, jwks, [
      await retirement(de.second, de.current),
    ]);
    expect(federation.ignoredAnnouncements).toEqual([]);
    const old = signedBy(de.second);
    expect(verifyRecord(old, federation.records.resolve, { loggedAt: '2026-02-28T23:59:59Z' })).toMatchObject(
      {
        ok: true,
        author: 'DE',
      },
    );
    expect(verifyRecord(old, federation.records.resolve)).toMatchObject({ ok: false, code: 'key_revoked' });
    expect(verifyRecord(old, federation.records.resolve, { loggedAt: since })).toMatchObject({
      ok: false,
      code: 'key_revoked',
    });
    // Without the retirement the key is not known at all.
    const bare = await loadFederationWithAnnouncements(file, jwks, []);
    expect(verifyRecord(old, bare.records.resolve, { loggedAt: '2026-02-01T00:00:00Z' })).toMatchObject({
      ok: false,
      code: 'unknown_kid',
    });
    // The file's members are reported as given.
    expect(federation.members).toEqual(bare.members);
  });

  it('the earliest start of two retirements of one key wins', async () => {
    const federation = await loadFederationWithAnnouncements(file, jwks, [
      await retirement(de.second, de.current, { start: since }),
      await retirement(de.second, de.current, { start: '2026-01-01T00:00:00Z' }),
    ]);
    expect(federation.records.resolve(de.second.kid)?.revokedSince).toBe('2026-01-01T00:00:00Z');
  });

  it('a retired key vouches for no checkpoint or peer token, and signs no announcement', async () => {
    const federation = await loadFederationWithAnnouncements(file, jwks, [
      await retirement(dePeer.former, dePeer.current, { role: 'peer' }),
      await retirement(de.second, de.current),
      // Whoever holds the retired key tries to revoke the current one, to retire another, and to rotate.
      await signKeyAnnouncement(
        { type: 'key-revocation', member: 'DE', role: 'record', kid: de.current.kid, since, at },
        de.second,
      ),
      await retirement(de.first, de.second),
      await signKeyAnnouncement(
        {
          type: 'key-rotation',
          member: 'DE',
          role: 'record',
          oldKid: de.second.kid,
          newKid: fr.kid,
          newJwk: publicJwk(fr.publicKey),
          at,
        },
        de.second,
      ),
    ]);
    expect(federation.ignoredAnnouncements).toHaveLength(3);
    expect(federation.records.resolve(de.current.kid)?.revokedSince).toBeUndefined();
    expect(federation.records.resolve(de.first.kid)).toBeUndefined();
    expect(federation.peerResolver('DE', dePeer.former.kid)).toBeUndefined();
    expect(federation.peerResolver('DE', dePeer.current.kid)).toBeDefined();
    expect(federation.records.keysOf('DE')).toHaveLength(1);
  });

  it('a key the file already pins keeps its standing', async () => {
    const pinsBoth = {
      members: [{ id: 'DE', keys: { record: [de.second.kid, de.current.kid] } }],
    };
    const both = [...jwks, publicJwk(de.second.publicKey)];
    const federation = await loadFederationWithAnnouncements(pinsBoth, both, [
      await retirement(de.second, de.current),
    ]);
    expect(federation.ignoredAnnouncements).toEqual([]);
    expect(federation.records.resolve(de.second.kid)?.revokedSince).toBeUndefined();
  });
});

describe('verifyKeyAnnouncement of a key-retirement', () => {
  const pins = new Map([
    [
      de.current.kid,
      { member: 'DE', role: 'record' as const, key: de.current, revokedSince: null, retired: false },
    ],
    [
      de.second.kid,
      { member: 'DE', role: 'record' as const, key: de.second, revokedSince: since, retired: false },
    ],
    [
      de.first.kid,
      { member: 'DE', role: 'record' as const, key: de.first, revokedSince: null, retired: true },
    ],
    [fr.kid, { member: 'FR', role: 'record' as const, key: fr, revokedSince: null, retired: false }],
  ]);
  const keys: AnnouncementKeys = {
    signer(kid) {
      const pin = pins.get(kid);
      return pin && { ...pin, publicKey: pin.key.publicKey };
    },
    pinOf: (kid) => pins.get(kid),
  };
  const rejects = async (jws: Promise<string>, reason: RegExp) =>
    expect(verifyKeyAnnouncement(await jws, keys)).rejects.toMatchObject({
      code: 'invalid_announcement',
      message: expect.stringMatching(reason),
    });
  const outsider = generateKeyPair();

  it('verifies one signed by the member’s key in force', async () => {
    const event = await verifyKeyAnnouncement(await retirement(outsider, de.current), keys);
    expect(event).toMatchObject({ type: 'key-retirement', kid: outsider.kid, since });
  });

  it('refuses an unpinned signer, another member’s key, a revoked or retired signer, and a bad JWK', async () => {
    await rejects(retirement(outsider, generateKeyPair()), /not pinned/);
    // FR's key signing for DE, and FR naming a key pinned to DE.
    await rejects(retirement(outsider, fr), /not that member/);
    await rejects(retirement(de.second, fr, { member: 'FR' }), /pinned to DE/);
    // DE cannot pin FR's key as a former key of its own.
    await rejects(retirement(fr, de.current), /pinned to FR/);
    await rejects(retirement(outsider, de.second), /revoked/);
    await rejects(retirement(outsider, de.first), /rotated away|retired/);
    await rejects(retirement(outsider, de.current, { jwkOf: generateKeyPair() }), /kid does not match jwk/);
    await rejects(retirement(de.current, de.current), /another key/);
    await rejects(retirement(outsider, de.current, { start: '2026-03-02T00:00:00Z' }), /retired after/);
  });
});
