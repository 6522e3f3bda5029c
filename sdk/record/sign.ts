import { type KeyObject, randomBytes, sign } from 'node:crypto';
import { type SignedRecord, signedRecordSchema } from '../../schemas/record.js';
import { canonicalJson } from '../canonical.js';
import { SightlineError } from '../errors.js';
import { isEd25519 } from '../keys/ed25519.js';
import { publicJwk } from '../keys/jwk.js';
import { RECORD_TYP, recordId } from './jws.js';

/** A record signing key: the private key and its kid (RFC 7638 thumbprint of the public key). */
export interface RecordSigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** A signed record: its id, the compact JWS, and the canonical payload text it signs. */
export interface SignedRecordJws {
  id: string;
  jws: string;
  payload: string;
}

const kidOfKey = new WeakMap<KeyObject, string>();

/**
 * Signs a record as a compact JWS `{ alg: "Ed25519", kid, typ: "sightline-record+jws" }` over its RFC 8785
 * payload. Throws SightlineError `invalid_record` when the record fails signedRecordSchema, `invalid_key` when
 * the key is not Ed25519 or `kid` is not its thumbprint, `not_canonicalizable` for non-JSON values.
 *
 * @example
 * const key = generateKeyPair();
 * const { id, jws } = signRecord({ type: 'retraction', author: 'DE', createdAt: '2026-11-28T12:00:00Z',
 *   nonce: newNonce(), retracts: oldId, reason: 'duplicate', tlp: 'TLP:GREEN' }, key);
 */
export function signRecord(record: SignedRecord, key: RecordSigningKey): SignedRecordJws {
  if (!isEd25519(key.privateKey, 'private'))
    throw new SightlineError('invalid_key', 'expected an Ed25519 private key');
  if (kidOf(key.privateKey) !== key.kid)
    throw new SightlineError('invalid_key', 'kid is not the thumbprint of this key');
  const checked = signedRecordSchema.safeParse(record);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new SightlineError(
      'invalid_record',
      `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const payload = canonicalJson(record);
  const payloadBytes = Buffer.from(payload, 'utf8');
  const header = Buffer.from(JSON.stringify({ alg: 'Ed25519', kid: key.kid, typ: RECORD_TYP }), 'utf8');
  const signingInput = `${header.toString('base64url')}.${payloadBytes.toString('base64url')}`;
  const signature = sign(null, Buffer.from(signingInput, 'latin1'), key.privateKey);
  return { id: recordId(payloadBytes), jws: `${signingInput}.${signature.toString('base64url')}`, payload };
}

/**
 * A fresh record nonce: 16 random bytes, base64url (22 characters).
 *
 * @example
 * const record = { ...body, type: 'observation', author: 'DE', createdAt, nonce: newNonce() };
 */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

function kidOf(privateKey: KeyObject): string {
  let kid = kidOfKey.get(privateKey);
  if (kid === undefined) {
    kid = publicJwk(privateKey).kid;
    kidOfKey.set(privateKey, kid);
  }
  return kid;
}
