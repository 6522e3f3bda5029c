import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { SightlineError } from '../errors.js';
import { decodeBase64Url, encodeBase64Url } from './base64.js';

/**
 * True when `key` is an Ed25519 KeyObject of the given type.
 *
 * @example
 * isEd25519(generateKeyPair().publicKey, 'public'); // true
 */
export function isEd25519(key: unknown, type: 'public' | 'private'): key is KeyObject {
  const candidate = key as KeyObject | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.type === type &&
    candidate.asymmetricKeyType === 'ed25519'
  );
}

/**
 * The public half of an Ed25519 key (a public key is returned as is).
 *
 * @example
 * const publicKey = ed25519PublicKey(importPrivatePem(pem));
 */
export function ed25519PublicKey(key: KeyObject): KeyObject {
  if (isEd25519(key, 'public')) return key;
  if (isEd25519(key, 'private')) return createPublicKey(key);
  throw new SightlineError('invalid_key', 'expected an Ed25519 key');
}

/**
 * The 32-byte RFC 8032 encoding of an Ed25519 public key (or of the public half of a private key).
 *
 * @example
 * rawEd25519PublicKey(generateKeyPair().publicKey).length; // 32
 */
export function rawEd25519PublicKey(key: KeyObject): Buffer {
  const { x } = ed25519PublicKey(key).export({ format: 'jwk' });
  return Buffer.from(x as string, 'base64url');
}

/**
 * An Ed25519 public KeyObject from its 32-byte RFC 8032 encoding.
 *
 * @example
 * const publicKey = ed25519PublicKeyFromRaw(vkeyBytes.subarray(1));
 */
export function ed25519PublicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new SightlineError('invalid_key', 'an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: encodeBase64Url(raw) }, format: 'jwk' });
}

/**
 * PKCS #8 PEM of an Ed25519 private key, for key files.
 *
 * @example
 * const pem = exportPrivatePkcs8Pem(generateKeyPair().privateKey); // '-----BEGIN PRIVATE KEY-----\n...'
 */
export function exportPrivatePkcs8Pem(privateKey: KeyObject): string {
  if (!isEd25519(privateKey, 'private'))
    throw new SightlineError('invalid_key', 'expected an Ed25519 private key');
  return privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
}

/**
 * Imports a PKCS #8 PEM private key; refuses anything but Ed25519 (SightlineError `invalid_key`).
 *
 * @example
 * const privateKey = importPrivatePem(readFileSync('record.key.pem', 'utf8'));
 */
export function importPrivatePem(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (cause) {
    throw new SightlineError('invalid_key', 'not a PEM private key', { cause });
  }
  if (!isEd25519(key, 'private'))
    throw new SightlineError('invalid_key', 'only Ed25519 private keys are accepted');
  return key;
}

/** Decodes a JWK `x` member: strict base64url of exactly 32 bytes, else undefined. */
export function decodeEd25519X(x: unknown): Buffer | undefined {
  if (typeof x !== 'string') return undefined;
  const raw = decodeBase64Url(x);
  return raw?.length === 32 ? raw : undefined;
}
