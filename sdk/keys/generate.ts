import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { publicJwk } from './jwk.js';

/** An Ed25519 key pair with its `kid` (RFC 7638 thumbprint of the public key). */
export interface Ed25519KeyPair {
  kid: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

/**
 * Generates an Ed25519 key pair. Use one per role (record, log, witness, peer).
 *
 * @example
 * const recordKey = generateKeyPair();
 * const { jws } = signRecord(record, recordKey);
 */
export function generateKeyPair(): Ed25519KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { kid: publicJwk(publicKey).kid, publicKey, privateKey };
}
