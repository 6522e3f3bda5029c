import type { KeyObject } from 'node:crypto';
import { compactVerify } from 'jose';
import { memberIdSchema, timestampSchema } from '../../schemas/common.js';
import { z } from '../../schemas/zod.js';
import { SightlineError } from '../errors.js';
import { ED25519_JWS_ALGS, importPublicJwk, jwkThumbprint, publicJwk } from './jwk.js';
import { checkKeyPossession, signKeyPossession } from './possession.js';
import { type KeyRole, keyRoleSchema } from './roles.js';
import { canonicalPayload, checkStrictHeader, signStrictJws } from './strict-jws.js';

export const KEY_ANNOUNCEMENT_TYP = 'sightline-key+jws';

/** Characters in a key announcement: a rotation with its proof of possession is about 1,300. */
export const MAX_ANNOUNCEMENT_LENGTH = 4096;

const jwk = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string(),
    kid: z.string(),
    use: z.literal('sig'),
    alg: z.literal('Ed25519'),
  })
  .strict();

/** A key event a member signs so that peers can follow it without a new out-of-band exchange. */
export const keyAnnouncementSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('key-rotation'),
      member: memberIdSchema,
      role: keyRoleSchema,
      oldKid: z.string(),
      newKid: z.string(),
      newJwk: jwk,
      /** The new key's signature over member, role, oldKid and newKid (signKeyPossession). */
      possession: z.string(),
      at: timestampSchema,
    })
    .strict(),
  z
    .object({
      type: z.literal('key-revocation'),
      member: memberIdSchema,
      role: keyRoleSchema,
      kid: z.string(),
      since: timestampSchema,
      at: timestampSchema,
    })
    .strict(),
]);

export type KeyAnnouncement = z.infer<typeof keyAnnouncementSchema>;

/**
 * Signs a key announcement: a rotation with the OLD key (proving the holder of the pinned key chose the
 * new one; signKeyRotation builds one whole), a revocation with a current, unrevoked key of the same role.
 *
 * @example
 * const jws = await signKeyAnnouncement(
 *   { type: 'key-revocation', member: 'DE', role: 'record', kid: stolen.kid, since, at },
 *   current,
 * );
 */
export async function signKeyAnnouncement(
  announcement: KeyAnnouncement,
  signer: { kid: string; privateKey: KeyObject },
): Promise<string> {
  return signStrictJws(keyAnnouncementSchema.parse(announcement), KEY_ANNOUNCEMENT_TYP, signer);
}

/**
 * Signs a rotation of the member's `role` key from `oldKey` to `newKey`: the new key signs its proof of
 * possession (signKeyPossession), the old key the announcement around it.
 *
 * @example
 * const next = generateKeyPair();
 * const jws = await signKeyRotation({ member: 'DE', role: 'record', at: '2026-03-01T00:00:00Z' }, old, next);
 */
export async function signKeyRotation(
  rotation: { member: string; role: KeyRole; at: string },
  oldKey: { kid: string; privateKey: KeyObject },
  newKey: { kid: string; privateKey: KeyObject; publicKey: KeyObject },
): Promise<string> {
  const { member, role, at } = rotation;
  const claim = { member, role, oldKid: oldKey.kid, newKid: newKey.kid };
  const possession = await signKeyPossession(claim, newKey);
  const newJwk = publicJwk(newKey.publicKey);
  return signKeyAnnouncement({ type: 'key-rotation', ...claim, newJwk, possession, at }, oldKey);
}

/** A pinned key that may have signed an announcement, with what the verifier knows of its state. */
export interface AnnouncementSigner {
  member: string;
  role: KeyRole;
  publicKey: KeyObject;
  /** When the key is revoked: it then signs no announcement. */
  revokedSince: string | null;
  /** Whether a rotation replaced it: a key rotated away signs no announcement either. */
  retired: boolean;
}

/** What a verifier knows of pinned keys, for checking key announcements. */
export interface AnnouncementKeys {
  /** The pinned key `kid` with its key material and state; undefined when not pinned or without material. */
  signer(kid: string): AnnouncementSigner | undefined;
  /** The member and role a kid is pinned to, with or without key material. */
  pinOf(kid: string): { member: string; role: KeyRole } | undefined;
}

/**
 * Verifies a key announcement against the member's pinned keys of that role. The signer must be neither
 * revoked nor rotated away: a retired key may be the stolen one, and must not pin a successor or revoke the
 * key in use. A rotation must carry the new key's proof of possession and name no key pinned to another member
 * or role, so no member can take another's key; a revocation must name a key pinned to the same member and
 * role, so no member can revoke another's. Throws SightlineError `invalid_announcement` on any failure; fails
 * closed.
 *
 * @example
 * const pins = new Map([[deOld.kid, { member: 'DE', role: 'record', publicKey: deOld.publicKey, revokedSince: null, retired: false }]]);
 * const event = await verifyKeyAnnouncement(jws, { signer: (kid) => pins.get(kid), pinOf: (kid) => pins.get(kid) });
 * if (event.type === 'key-rotation') pin(event.member, event.role, event.newJwk);
 */
export async function verifyKeyAnnouncement(jws: string, keys: AnnouncementKeys): Promise<KeyAnnouncement> {
  try {
    const header = checkStrictHeader(jws, MAX_ANNOUNCEMENT_LENGTH);
    if (header.typ !== KEY_ANNOUNCEMENT_TYP) throw new Error('bad header');
    const signer = keys.signer(header.kid);
    if (!signer) throw new Error(`signer ${header.kid} is not pinned`);
    if (signer.revokedSince !== null) throw new Error(`signer ${header.kid} is revoked`);
    if (signer.retired) throw new Error(`signer ${header.kid} was rotated away`);
    const { payload } = await compactVerify(jws, signer.publicKey, { algorithms: [...ED25519_JWS_ALGS] });
    const announcement = keyAnnouncementSchema.parse(canonicalPayload(payload));
    if (announcement.member !== signer.member || announcement.role !== signer.role)
      throw new Error('signer is not that member’s key of that role');
    if (announcement.type === 'key-rotation') {
      if (announcement.oldKid !== header.kid) throw new Error('a rotation must be signed by the old key');
      if (announcement.newJwk.kid !== jwkThumbprint(announcement.newJwk))
        throw new Error('newJwk.kid is not its thumbprint');
      if (announcement.newKid !== announcement.newJwk.kid) throw new Error('newKid does not match newJwk');
      if (announcement.newKid === announcement.oldKid) throw new Error('a key cannot succeed itself');
      const pinned = keys.pinOf(announcement.newKid);
      if (pinned && (pinned.member !== announcement.member || pinned.role !== announcement.role))
        throw new Error(`${announcement.newKid} is pinned to another member or role`);
      // A thumbprint does not make a key: pinned, a JWK that does not import breaks every key set of its role.
      importPublicJwk(announcement.newJwk);
      // Only the holder of the new key may claim it: else a member could take another's announced key.
      const { member, role, oldKid, newKid } = announcement;
      await checkKeyPossession(announcement.possession, announcement.newJwk, {
        member,
        role,
        oldKid,
        newKid,
      });
    } else {
      if (announcement.kid === header.kid) throw new Error('a revocation must be signed by another key');
      // A member may revoke only its own keys: the revoked kid must be pinned to the same member and role.
      const revoked = keys.pinOf(announcement.kid);
      if (revoked?.member !== announcement.member || revoked.role !== announcement.role)
        throw new Error(
          `${announcement.kid} is not a pinned ${announcement.role} key of ${announcement.member}`,
        );
    }
    return announcement;
  } catch (error) {
    throw new SightlineError(
      'invalid_announcement',
      `key announcement rejected: ${(error as Error).message}`,
    );
  }
}
