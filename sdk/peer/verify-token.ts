import { KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import { SightlineError } from '../errors.js';
import { isEd25519 } from '../keys/ed25519.js';
import { ED25519_JWS_ALGS } from '../keys/jwk.js';
import { peerTokenErrorFromJose } from './jose-errors.js';
import type { PeerKeyLookup, PeerKeyResolver } from './key-resolver.js';
import { isPeerOperation, type PeerOperation } from './operations.js';
import { decodePeerToken } from './token-decode.js';
import { PeerTokenError } from './token-error.js';
import { MAX_PEER_TOKEN_LIFETIME_SECONDS, PEER_TOKEN_CLAIMS, PEER_TOKEN_TYP } from './token-format.js';

/** The verified claims of a peer token. Store `jti` until `exp` (plus clock tolerance) to refuse replays. */
export interface PeerTokenClaims {
  /** The calling member, authenticated by its pinned peer key. */
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
  op: PeerOperation;
  /** The peer key that signed the token. */
  kid: string;
}

export interface VerifyPeerTokenOptions {
  /** This node's member id; the token's `aud` must equal it. */
  audience: string;
  /** The operation the request performs; the token's `op` must equal it. */
  operation: PeerOperation;
  resolveIssuerKey: PeerKeyResolver;
  /** Verification time; default the current time. */
  now?: Date;
  /** Accepted clock skew for `iat` and `exp`; default 30. */
  clockToleranceSeconds?: number;
}

/**
 * Verifies a peer token (the Bearer credential of a peer request) against the issuer's pinned peer key.
 * Throws PeerTokenError, whose `code`, `status` and `wwwAuthenticate` make the response. Does not check `jti`
 * reuse: the caller must, using the returned `jti` and `exp`.
 *
 * @example
 * try {
 *   const claims = await verifyPeerToken(bearer, { audience: 'NL', operation: 'feed.read', resolveIssuerKey });
 *   await rememberJti(claims.jti, claims.exp); // refuse the request if the jti was seen before
 * } catch (error) {
 *   if (error instanceof PeerTokenError) return problem(error.status, error.code, error.wwwAuthenticate);
 *   throw error;
 * }
 */
export async function verifyPeerToken(
  token: string | null | undefined,
  options: VerifyPeerTokenOptions,
): Promise<PeerTokenClaims> {
  const { audience, operation, now = new Date(), clockToleranceSeconds = 30 } = options;
  if (typeof token !== 'string' || token === '') throw new PeerTokenError('token_missing', 'no peer token');
  const { kid, claims } = decodePeerToken(token);
  const key = usableKey(await options.resolveIssuerKey(claims.iss, kid));
  try {
    await jwtVerify(token, key, {
      algorithms: [...ED25519_JWS_ALGS],
      typ: PEER_TOKEN_TYP,
      requiredClaims: [...PEER_TOKEN_CLAIMS],
      maxTokenAge: MAX_PEER_TOKEN_LIFETIME_SECONDS,
      clockTolerance: clockToleranceSeconds,
      currentDate: now,
    });
  } catch (error) {
    throw peerTokenErrorFromJose(error);
  }
  if (claims.exp - claims.iat > MAX_PEER_TOKEN_LIFETIME_SECONDS) {
    throw new PeerTokenError(
      'token_lifetime_too_long',
      `exp - iat exceeds ${MAX_PEER_TOKEN_LIFETIME_SECONDS} s`,
    );
  }
  if (claims.aud !== audience) throw new PeerTokenError('token_bad_audience', 'token is for another node');
  if (claims.op !== operation || !isPeerOperation(claims.op)) {
    throw new PeerTokenError('token_wrong_operation', `token is not for ${operation}`);
  }
  return { ...claims, aud: claims.aud, op: claims.op, kid };
}

function usableKey(found: PeerKeyLookup): Exclude<PeerKeyLookup, undefined | 'unknown_issuer'> {
  if (found === 'unknown_issuer')
    throw new PeerTokenError('token_unknown_issuer', 'issuer is not a federation member');
  if (found === undefined)
    throw new PeerTokenError('token_unknown_key', 'kid is not a peer key pinned for the issuer');
  const isPublicEd25519 =
    found instanceof KeyObject
      ? isEd25519(found, 'public')
      : found.type === 'public' && found.algorithm.name === 'Ed25519';
  // A resolver handing out anything else is misconfigured: the node's fault, not the caller's.
  if (!isPublicEd25519)
    throw new SightlineError('invalid_key', 'resolveIssuerKey must return an Ed25519 public key');
  return found;
}
