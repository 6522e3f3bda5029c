// Key announcements are relayed by every node and counted per member: they must be small, canonical and read
// the same by everyone, and a rotation's proof of possession must bind exactly that member, role and rotation.
import { CompactSign, FlattenedSign } from 'jose';
import { describe, expect, it } from 'vitest';
import { MAX_ANNOUNCEMENTS_PER_MEMBER, withinCap } from '../../../api/fed/announcement-cap.js';
import { canonicalJson } from '../../../sdk/canonical.js';
import {
  type AnnouncementKeys,
  type Ed25519KeyPair,
  generateKeyPair,
  KEY_ANNOUNCEMENT_TYP,
  KEY_POSSESSION_TYP,
  type KeyRole,
  publicJwk,
  signKeyAnnouncement,
  signKeyPossession,
  signKeyRotation,
  verifyKeyAnnouncement,
} from '../../../sdk/keys/index.js';

const de = { record: generateKeyPair(), peer: generateKeyPair(), spare: generateKeyPair() };
const next = generateKeyPair();
const at = '2026-03-01T00:00:00Z';
const roleOf = new Map<string, KeyRole>([
  [de.record.kid, 'record'],
  [de.spare.kid, 'record'],
  [de.peer.kid, 'peer'],
]);
const pins: AnnouncementKeys = {
  signer(kid) {
    const key = [de.record, de.peer, de.spare].find((k) => k.kid === kid);
    const role = roleOf.get(kid);
    return (
      key && role && { member: 'DE', role, publicKey: key.publicKey, revokedSince: null, retired: false }
    );
  },
  pinOf: (kid) => (roleOf.has(kid) ? { member: 'DE', role: roleOf.get(kid) as KeyRole } : undefined),
};

const sign = (payload: string, signer: Ed25519KeyPair, header: Record<string, unknown> = {}) =>
  new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: 'Ed25519', kid: signer.kid, typ: KEY_ANNOUNCEMENT_TYP, ...header })
    .sign(signer.privateKey);

const revocation = { type: 'key-revocation', member: 'DE', role: 'record', kid: de.spare.kid, since: at, at };

const refused = (jws: string) =>
  expect(verifyKeyAnnouncement(jws, pins)).rejects.toMatchObject({ code: 'invalid_announcement' });

describe('a key announcement', () => {
  it('verifies when canonical, with alg, kid and typ in its header', async () => {
    await expect(
      verifyKeyAnnouncement(await sign(canonicalJson(revocation), de.record), pins),
    ).resolves.toEqual(revocation);
  });

  it('is refused with a payload that is not canonical JSON: its size would be the signer’s choice', async () => {
    await refused(await sign(`${canonicalJson(revocation)}${' '.repeat(1000)}`, de.record));
    await refused(await sign(JSON.stringify(revocation, null, 2), de.record));
  });

  it('is refused with anything else in its protected header, an unencoded payload above all', async () => {
    await refused(await sign(canonicalJson(revocation), de.record, { x5u: 'https://example.org' }));
    const flattened = await new FlattenedSign(new TextEncoder().encode(canonicalJson(revocation)))
      .setProtectedHeader({
        alg: 'Ed25519',
        kid: de.record.kid,
        typ: KEY_ANNOUNCEMENT_TYP,
        b64: false,
        crit: ['b64'],
      })
      .sign(de.record.privateKey);
    const unencoded = `${flattened.protected}.${flattened.payload}.${flattened.signature}`;
    await refused(unencoded);
  });
});

describe('a key announcement’s text', () => {
  it('is the only one that verifies: whoever relays it cannot make variants of it', async () => {
    const genuine = await sign(canonicalJson(revocation), de.record);
    const [header = '', payload = '', signature = ''] = genuine.split('.');
    const last = signature.at(-1) as string;
    const otherLowBits = ['A', 'B', 'C', 'D'].find(
      (c) => c !== last && (c.charCodeAt(0) & ~3) === (last.charCodeAt(0) & ~3),
    );
    const variants = [
      `${header}.${payload}.${signature}==`,
      `${header}.${payload}.${signature.slice(0, 40)} ${signature.slice(40)}`,
      `${header}.${payload}.${signature.slice(0, -1)}${otherLowBits ?? 'B'}`,
      `${Buffer.from(JSON.stringify({ typ: KEY_ANNOUNCEMENT_TYP, kid: de.record.kid, alg: 'Ed25519' })).toString('base64url')}.${payload}.${signature}`,
    ];
    for (const variant of variants) await refused(variant);
    await expect(verifyKeyAnnouncement(genuine, pins)).resolves.toEqual(revocation);
  });
});

describe('a rotation’s proof of possession', () => {
  const claim = { member: 'DE', role: 'record' as const, oldKid: de.record.kid, newKid: next.kid };
  const rotationWith = (possession: string, role: KeyRole = 'record', old = de.record) =>
    signKeyAnnouncement(
      {
        type: 'key-rotation',
        member: 'DE',
        role,
        oldKid: old.kid,
        newKid: next.kid,
        newJwk: publicJwk(next.publicKey),
        possession,
        at,
      },
      old,
    );

  it('verifies for the member, role and rotation it names', async () => {
    await expect(
      verifyKeyAnnouncement(
        await signKeyRotation({ member: 'DE', role: 'record', at }, de.record, next),
        pins,
      ),
    ).resolves.toMatchObject({ newKid: next.kid });
  });

  it('is refused for another role: a record-key proof cannot rotate the peer key to that key', async () => {
    const recordProof = await signKeyPossession(claim, next);
    await refused(await rotationWith(recordProof, 'peer', de.peer));
  });

  it('is refused with another type, even signed by the new key', async () => {
    const asAnnouncement = await sign(canonicalJson(claim), next);
    await refused(await rotationWith(asAnnouncement));
    const wrongTyp = await new CompactSign(new TextEncoder().encode(canonicalJson(claim)))
      .setProtectedHeader({ alg: 'Ed25519', kid: next.kid, typ: `${KEY_POSSESSION_TYP}x` })
      .sign(next.privateKey);
    await refused(await rotationWith(wrongTyp));
  });

  it('is no use to a key succeeding itself', async () => {
    const self = await signKeyRotation({ member: 'DE', role: 'record', at }, de.record, de.record);
    await refused(self);
  });
});

describe('counting announcements per member', () => {
  it('drops announcements too long to verify before counting, so junk cannot put a member past the cap', async () => {
    const genuine = await sign(canonicalJson(revocation), de.record);
    const [header = '', , signature = ''] = genuine.split('.');
    const bloated = `${header}.${Buffer.from(`${canonicalJson(revocation)}${' '.repeat(5000)}`).toString('base64url')}.${signature}`;
    const { kept, overCap } = withinCap([
      genuine,
      ...Array<string>(MAX_ANNOUNCEMENTS_PER_MEMBER).fill(bloated),
    ]);
    expect(overCap).toEqual([]);
    expect(kept).toEqual([genuine]);
  });
});
