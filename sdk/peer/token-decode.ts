import { ED25519_JWS_ALGS } from '../keys/jwk.js';
import { splitCompactJws } from '../record/jws.js';
import { PeerTokenError } from './token-error.js';
import { JTI_PATTERN, PEER_TOKEN_CLAIMS, PEER_TOKEN_TYP } from './token-format.js';

/** A peer token's header and claims as sent: well-formed, but nothing about them is verified yet. */
export interface UnverifiedPeerToken {
  kid: string;
  claims: { iss: string; aud: unknown; iat: number; exp: number; jti: string; op: string };
}

const HEADER_MEMBERS = ['alg', 'kid', 'typ'];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Checks the form of a peer token before any key is looked up: strict compact JWS, a header of exactly `alg`
 * (Ed25519 or EdDSA), `kid` and our `typ`, and exactly the six claims with their types. Rejecting here is
 * always safe; nothing accepted here is trusted until the signature checks out.
 */
export function decodePeerToken(token: string): UnverifiedPeerToken {
  const parts = splitCompactJws(token);
  if (!parts) throw malformed('not a compact JWS');
  const header = jsonObject(parts.header, 'header');
  const extra = Object.keys(header).find((name) => !HEADER_MEMBERS.includes(name));
  if (extra !== undefined) throw malformed('header members other than alg, kid and typ are not allowed');
  if (typeof header.alg !== 'string' || !ED25519_JWS_ALGS.includes(header.alg)) {
    throw new PeerTokenError('token_unsupported_alg', 'alg must be Ed25519 or EdDSA');
  }
  if (header.typ !== PEER_TOKEN_TYP)
    throw new PeerTokenError('token_bad_type', `typ must be ${PEER_TOKEN_TYP}`);
  if (typeof header.kid !== 'string' || header.kid === '') throw malformed('header needs a kid');
  return { kid: header.kid, claims: checkClaimForm(jsonObject(parts.payload, 'claims')) };
}

function checkClaimForm(claims: Record<string, unknown>): UnverifiedPeerToken['claims'] {
  const names = Object.keys(claims);
  if (names.some((name) => !(PEER_TOKEN_CLAIMS as readonly string[]).includes(name))) {
    throw malformed('claims other than iss, aud, iat, exp, jti and op are not allowed');
  }
  const absent = PEER_TOKEN_CLAIMS.find((name) => !names.includes(name));
  if (absent !== undefined) throw malformed(`missing claim ${absent}`);
  const { iss, aud, iat, exp, jti, op } = claims;
  if (typeof iss !== 'string' || iss === '') throw malformed('iss must be a member id');
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp))
    throw malformed('iat and exp must be integers');
  if ((exp as number) <= (iat as number)) throw malformed('exp must be after iat');
  if (typeof jti !== 'string' || !JTI_PATTERN.test(jti))
    throw malformed('jti must be 22 to 64 base64url characters');
  if (typeof op !== 'string') throw malformed('op must be a string');
  return { iss, aud, iat: iat as number, exp: exp as number, jti, op };
}

function jsonObject(bytes: Uint8Array, part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    throw malformed(`${part} is not UTF-8 JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(`${part} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

function malformed(message: string): PeerTokenError {
  return new PeerTokenError('token_malformed', message);
}
