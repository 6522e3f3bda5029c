import type { KeyObject } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import { memberIdSchema, timestampSchema } from '../../schemas/common.js';
import { z } from '../../schemas/zod.js';
import { canonicalJson } from '../canonical.js';
import { SightlineError } from '../errors.js';
import { ED25519_JWS_ALGS, jwkThumbprint } from './jwk.js';
import type { KeyRole } from './roles.js';

export const KEY_ANNOUNCEMENT_TYP = 'sightline-key+jws';

const role = z.enum(['record', 'log', 'witness', 'peer']);
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
      role,
      oldKid: z.string(),
      newKid: z.string(),
      newJwk: jwk,
      at: timestampSchema,
    })
    .strict(),
  z
    .object({
      type: z.literal('key-revocation'),
      member: memberIdSchema,
      role,
      kid: z.string(),
      since: timestampSchema,
      at: timestampSchema,
    })
    .strict(),
]);

export type KeyAnnouncement = z.infer<typeof keyAnnouncementSchema>;

/**
 * Signs a key announcement: a rotation with the OLD key (proving the holder of the pinned key chose the
 * new one), a revocation with a current, unrevoked key of the same role.
 *
 * @example
 * const jws = await signKeyAnnouncement(
 *   { type: 'key-rotation', member: 'DE', role: 'record', oldKid: old.kid, newKid: next.kid, newJwk: publicJwk(next.publicKey), at },
 *   old,
 * );
 */
export async function signKeyAnnouncement(
  announcement: KeyAnnouncement,
  signer: { kid: string; privateKey: KeyObject },
): Promise<string> {
  const payload = new TextEncoder().encode(canonicalJson(keyAnnouncementSchema.parse(announcement)));
  return new CompactSign(payload)
    .setProtectedHeader({ alg: 'Ed25519', kid: signer.kid, typ: KEY_ANNOUNCEMENT_TYP })
    .sign(signer.privateKey);
}

/** A pinned key as key announcements are checked against it. */
export interface AnnouncementKey {
  member: string;
  role: KeyRole;
  publicKey: KeyObject;
  /** Set when the key is revoked: it then signs no announcement. */
  revokedSince?: string | null;
}

/**
 * Verifies a key announcement against the member's pinned keys of that role. The signer must not be revoked.
 * A revocation must name a key that `resolveSigner` knows as the same member's key of the same role, so no
 * member can revoke another's.
 * Throws SightlineError `invalid_announcement` on any failure; fails closed.
 *
 * @example
 * const event = await verifyKeyAnnouncement(jws, (kid) => pinned.get(kid));
 * if (event.type === 'key-rotation') pin(event.member, event.role, event.newJwk);
 */
export async function verifyKeyAnnouncement(
  jws: string,
  resolveSigner: (kid: string) => AnnouncementKey | undefined,
): Promise<KeyAnnouncement> {
  try {
    const header = decodeProtectedHeader(jws);
    if (header.typ !== KEY_ANNOUNCEMENT_TYP || typeof header.kid !== 'string') throw new Error('bad header');
    const signer = resolveSigner(header.kid);
    if (!signer) throw new Error(`signer ${header.kid} is not pinned`);
    // A revoked key is presumed stolen: it must not pin a successor or revoke the keys still in use.
    if (signer.revokedSince) throw new Error(`signer ${header.kid} is revoked`);
    const { payload } = await compactVerify(jws, signer.publicKey, { algorithms: [...ED25519_JWS_ALGS] });
    const announcement = keyAnnouncementSchema.parse(JSON.parse(new TextDecoder().decode(payload)));
    if (announcement.member !== signer.member || announcement.role !== signer.role)
      throw new Error('signer is not that member’s key of that role');
    if (announcement.type === 'key-rotation') {
      if (announcement.oldKid !== header.kid) throw new Error('a rotation must be signed by the old key');
      if (announcement.newJwk.kid !== jwkThumbprint(announcement.newJwk))
        throw new Error('newJwk.kid is not its thumbprint');
      if (announcement.newKid !== announcement.newJwk.kid) throw new Error('newKid does not match newJwk');
    } else {
      if (announcement.kid === header.kid) throw new Error('a revocation must be signed by another key');
      // A member may revoke only its own keys: the revoked kid must be pinned to the same member and role.
      const revoked = resolveSigner(announcement.kid);
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
