import { type KeyObject, randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { isMemberId } from '../../schemas/common.js';
import { SightlineError } from '../errors.js';
import { isEd25519 } from '../keys/ed25519.js';
import { publicJwk } from '../keys/jwk.js';
import { isPeerOperation, type PeerOperation } from './operations.js';
import { MAX_PEER_TOKEN_LIFETIME_SECONDS, PEER_TOKEN_TYP } from './token-format.js';

/** What signPeerToken needs: who calls whom, for what, with which pinned peer key. */
export interface SignPeerTokenInput {
  /** The calling member's id (`iss`). */
  issuer: string;
  /** The called member's id (`aud`). */
  audience: string;
  operation: PeerOperation;
  /** The caller's peer-role key; `kid` is the RFC 7638 thumbprint of its public half. */
  key: { kid: string; privateKey: KeyObject };
  /** 1 to 300; default 60. */
  ttlSeconds?: number;
  /** Issue time; default the current time. */
  now?: Date;
}

/**
 * Signs a single-use peer token: a JWT `{ alg: "Ed25519", kid, typ: "sightline-peer+jwt" }` with claims `iss`,
 * `aud`, `iat`, `exp`, a fresh 128-bit `jti` and `op`. Send it as `Authorization: Bearer <token>`, one token per
 * request. Throws SightlineError `invalid_key` (not an Ed25519 private key, or kid is not its thumbprint),
 * `invalid_member_id`, `invalid_operation` or `invalid_ttl` (not an integer from 1 to 300).
 *
 * @example
 * const token = await signPeerToken({ issuer: 'DE', audience: 'NL', operation: 'feed.read', key: peerKey });
 * await fetch(`${nlNode}/feed?after=41`, { headers: { authorization: `Bearer ${token}` } });
 */
export async function signPeerToken(input: SignPeerTokenInput): Promise<string> {
  const { issuer, audience, operation, key, ttlSeconds = 60, now = new Date() } = input;
  if (!isEd25519(key.privateKey, 'private')) {
    throw new SightlineError('invalid_key', 'a peer token is signed with an Ed25519 private key');
  }
  if (publicJwk(key.privateKey).kid !== key.kid) {
    throw new SightlineError('invalid_key', 'kid is not the thumbprint of this key');
  }
  for (const member of [issuer, audience]) {
    if (!isMemberId(member)) throw new SightlineError('invalid_member_id', `"${member}" is not a member id`);
  }
  if (!isPeerOperation(operation)) {
    throw new SightlineError('invalid_operation', `"${String(operation)}" is not a peer operation`);
  }
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_PEER_TOKEN_LIFETIME_SECONDS) {
    throw new SightlineError(
      'invalid_ttl',
      `ttlSeconds must be an integer from 1 to ${MAX_PEER_TOKEN_LIFETIME_SECONDS}`,
    );
  }
  const issuedAt = Math.floor(now.getTime() / 1000);
  if (!Number.isFinite(issuedAt)) throw new SightlineError('invalid_time', 'now is not a valid Date');
  return new SignJWT({ op: operation })
    .setProtectedHeader({ alg: 'Ed25519', kid: key.kid, typ: PEER_TOKEN_TYP })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .setJti(randomBytes(16).toString('base64url'))
    .sign(key.privateKey);
}
