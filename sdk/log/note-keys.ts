import { type KeyObject, sign, verify } from 'node:crypto';
import { SightlineError } from '../errors.js';
import { decodeBase64, encodeBase64 } from '../keys/base64.js';
import { ed25519PublicKeyFromRaw, isEd25519, rawEd25519PublicKey } from '../keys/ed25519.js';
import { cosignatureVerifier } from './cosignature.js';
import { NOTE_KEY_TYPE, type NoteKeyType, noteKeyId } from './key-id.js';
import { isValidKeyName, type NoteSigner, type NoteVerifier } from './note.js';

/**
 * A note signer for an Ed25519 private key (signature type 0x01), e.g. a log's checkpoint key.
 *
 * @example
 * const signer = ed25519NoteSigner('sightline.example/DE', logKey.privateKey);
 */
export function ed25519NoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  if (!isValidKeyName(name)) throw new SightlineError('invalid_key', 'invalid note key name');
  if (!isEd25519(privateKey, 'private'))
    throw new SightlineError('invalid_key', 'expected an Ed25519 private key');
  const keyId = noteKeyId(name, NOTE_KEY_TYPE.ed25519, rawEd25519PublicKey(privateKey));
  return { name, keyId, sign: (text) => sign(null, text, privateKey) };
}

/**
 * A note verifier for an Ed25519 public key (signature type 0x01).
 *
 * @example
 * openNote(note, [ed25519NoteVerifier('sightline.example/DE', logPublicKey)]);
 */
export function ed25519NoteVerifier(name: string, publicKey: KeyObject): NoteVerifier {
  if (!isValidKeyName(name)) throw new SightlineError('invalid_key', 'invalid note key name');
  if (!isEd25519(publicKey, 'public'))
    throw new SightlineError('invalid_key', 'expected an Ed25519 public key');
  const keyId = noteKeyId(name, NOTE_KEY_TYPE.ed25519, rawEd25519PublicKey(publicKey));
  return {
    name,
    keyId,
    type: NOTE_KEY_TYPE.ed25519,
    verify: (text, signature) => signature.length === 64 && verify(null, text, publicKey, signature),
  };
}

/**
 * The C2SP verifier key string `<name>+<hex key ID>+<base64(type || public key)>`.
 *
 * @example
 * noteVerifierKey('sightline.example/DE', logKey.publicKey); // 'sightline.example/DE+1a2b3c4d+AX...'
 */
export function noteVerifierKey(
  name: string,
  publicKey: KeyObject,
  type: NoteKeyType = NOTE_KEY_TYPE.ed25519,
): string {
  if (!isValidKeyName(name)) throw new SightlineError('invalid_key', 'invalid note key name');
  const raw = rawEd25519PublicKey(publicKey);
  const keyId = noteKeyId(name, type, raw);
  return `${name}+${keyId.toString(16).padStart(8, '0')}+${encodeBase64(Buffer.concat([Buffer.of(type), raw]))}`;
}

/**
 * Parses a verifier key string into a NoteVerifier: type 0x01 (Ed25519 note signatures) or 0x04
 * (tlog-cosignature v1). Throws SightlineError `invalid_key` for anything else or a key ID that does not match.
 *
 * @example
 * const peter = parseNoteVerifierKey('PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
 */
export function parseNoteVerifierKey(vkey: string): NoteVerifier {
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  const name = vkey.slice(0, Math.max(first, 0));
  const idHex = vkey.slice(first + 1, second);
  const material = second < 0 ? undefined : decodeBase64(vkey.slice(second + 1));
  if (first < 0 || second < 0 || !isValidKeyName(name) || !/^[0-9a-fA-F]{8}$/.test(idHex) || !material) {
    throw new SightlineError('invalid_key', 'malformed verifier key');
  }
  const type = material[0];
  const raw = material.subarray(1);
  if ((type !== NOTE_KEY_TYPE.ed25519 && type !== NOTE_KEY_TYPE.cosignatureV1) || raw.length !== 32) {
    throw new SightlineError('invalid_key', 'verifier key is not an Ed25519 or cosignature/v1 key');
  }
  if (noteKeyId(name, type, raw) !== Number.parseInt(idHex, 16)) {
    throw new SightlineError('invalid_key', 'verifier key ID does not match the key');
  }
  const publicKey = ed25519PublicKeyFromRaw(raw);
  return type === NOTE_KEY_TYPE.ed25519
    ? ed25519NoteVerifier(name, publicKey)
    : cosignatureVerifier(name, publicKey);
}
