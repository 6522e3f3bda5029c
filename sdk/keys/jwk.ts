import { createHash, type KeyObject } from 'node:crypto';
import { SightlineError } from '../errors.js';
import { decodeEd25519X, ed25519PublicKey, ed25519PublicKeyFromRaw } from './ed25519.js';

/** How Sightline publishes an Ed25519 public key (JWKS entries, federation files). `kid` is its RFC 7638 thumbprint. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'Ed25519';
}

/** JWS `alg` values that name Ed25519 (RFC 9864 `Ed25519`, and the older RFC 8037 `EdDSA`). */
export const ED25519_JWS_ALGS: readonly string[] = ['Ed25519', 'EdDSA'];

const ALLOWED_MEMBERS = new Set(['kty', 'crv', 'x', 'kid', 'use', 'alg', 'key_ops', 'ext']);

/**
 * RFC 7638 JWK thumbprint (base64url SHA-256 of the required members, for OKP: crv, kty, x in that order).
 * Sightline uses it as the `kid` of every key and pins keys by it.
 *
 * @example
 * jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' });
 * // 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k'
 */
export function jwkThumbprint(jwk: { kty: string; crv: string; x: string }): string {
  const { kty, crv, x } = jwk;
  if (kty !== 'OKP' || typeof crv !== 'string' || typeof x !== 'string') {
    throw new SightlineError('invalid_key', 'thumbprints are computed for OKP keys only');
  }
  const required = JSON.stringify({ crv, kty, x });
  return createHash('sha256').update(required, 'utf8').digest('base64url');
}

/**
 * The published JWK of an Ed25519 key (the public half, if given a private key).
 *
 * @example
 * const { kid, x } = publicJwk(generateKeyPair().publicKey);
 */
export function publicJwk(key: KeyObject): PublicJwk {
  const { x } = ed25519PublicKey(key).export({ format: 'jwk' }) as { x: string };
  return {
    kty: 'OKP',
    crv: 'Ed25519',
    x,
    kid: jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }),
    use: 'sig',
    alg: 'Ed25519',
  };
}

/**
 * Imports a public JWK, refusing (SightlineError `invalid_key`) anything but an OKP Ed25519 public key with a
 * canonical 32-byte `x`: private keys (`d`), other key types, members outside the allow-list, a `use` other
 * than `sig`, an `alg` other than Ed25519/EdDSA, or a `kid` that is not the key's thumbprint.
 *
 * @example
 * const publicKey = importPublicJwk(jwks.keys[0]);
 */
export function importPublicJwk(jwk: unknown): KeyObject {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk))
    throw invalid('a JWK must be a JSON object');
  const members = jwk as Record<string, unknown>;
  if ('d' in members) throw invalid('a private JWK was given where a public key is expected');
  for (const name of Object.keys(members)) {
    if (!ALLOWED_MEMBERS.has(name)) throw invalid(`JWK member "${name}" is not allowed`);
  }
  if (members.kty !== 'OKP' || members.crv !== 'Ed25519') throw invalid('only OKP Ed25519 keys are accepted');
  const raw = decodeEd25519X(members.x);
  if (!raw) throw invalid('x must be 32 bytes of unpadded base64url');
  if (members.use !== undefined && members.use !== 'sig') throw invalid('use must be "sig"');
  if (members.alg !== undefined && !ED25519_JWS_ALGS.includes(members.alg as string)) {
    throw invalid('alg must be Ed25519 or EdDSA');
  }
  const ops = members.key_ops;
  if (ops !== undefined && !(Array.isArray(ops) && ops.every((op) => op === 'verify'))) {
    throw invalid('key_ops may only contain "verify"');
  }
  if (
    members.kid !== undefined &&
    members.kid !== jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: members.x as string })
  ) {
    throw invalid('kid must be the RFC 7638 thumbprint of the key');
  }
  return ed25519PublicKeyFromRaw(raw);
}

function invalid(message: string): SightlineError {
  return new SightlineError('invalid_key', message);
}
