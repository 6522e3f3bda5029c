import type { KeyObject } from 'node:crypto';
import { compactVerify } from 'jose';
import { memberIdSchema } from '../../schemas/common.js';
import { z } from '../../schemas/zod.js';
import { canonicalJson } from '../canonical.js';
import { ED25519_JWS_ALGS, importPublicJwk, type PublicJwk } from './jwk.js';
import { keyRoleSchema } from './roles.js';
import { canonicalPayload, checkStrictHeader, signStrictJws } from './strict-jws.js';

export const KEY_POSSESSION_TYP = 'sightline-key-possession+jws';

/** Characters in a proof of possession: about 400. */
const MAX_POSSESSION_LENGTH = 1024;

/** What the new key of a rotation signs: that it is this member's key of this role, taking over from oldKid. */
export const keyPossessionSchema = z
  .object({
    member: memberIdSchema,
    role: keyRoleSchema,
    oldKid: z.string(),
    newKid: z.string(),
  })
  .strict();

export type KeyPossession = z.infer<typeof keyPossessionSchema>;

/**
 * Signs a rotation's proof of possession with the NEW key. Without it, a member could announce a rotation to
 * another member's freshly announced public key, and a node that took that announcement first would pin the
 * key to the wrong member, locking its owner out there.
 *
 * @example
 * const possession = await signKeyPossession({ member: 'DE', role: 'record', oldKid: old.kid, newKid: next.kid }, next);
 */
export async function signKeyPossession(
  claim: KeyPossession,
  newKey: { kid: string; privateKey: KeyObject },
): Promise<string> {
  return signStrictJws(keyPossessionSchema.parse(claim), KEY_POSSESSION_TYP, newKey);
}

/** Throws unless `possession` is signed by `newJwk` and states exactly `claim`. */
export async function checkKeyPossession(
  possession: string,
  newJwk: PublicJwk,
  claim: KeyPossession,
): Promise<void> {
  const header = checkStrictHeader(possession, MAX_POSSESSION_LENGTH);
  if (header.typ !== KEY_POSSESSION_TYP || header.kid !== newJwk.kid)
    throw new Error('possession proof has the wrong header');
  const { payload } = await compactVerify(possession, importPublicJwk(newJwk), {
    algorithms: [...ED25519_JWS_ALGS],
  });
  const stated = keyPossessionSchema.parse(canonicalPayload(payload));
  if (canonicalJson(stated) !== canonicalJson(claim))
    throw new Error('possession proof is for another member, role or rotation');
}
