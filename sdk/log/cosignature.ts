import { type KeyObject, sign, verify } from 'node:crypto';
import { SightlineError } from '../errors.js';
import { isEd25519, rawEd25519PublicKey } from '../keys/ed25519.js';
import { parseCheckpoint } from './checkpoint.js';
import { NOTE_KEY_TYPE, noteKeyId } from './key-id.js';
import { formatSignatureLine, isValidKeyName, type NoteSignature, type NoteVerifier } from './note.js';

const MAX_TIMESTAMP = (1n << 63n) - 1n;

/**
 * The message a tlog-cosignature/v1 signs: `cosignature/v1\ntime <t>\n` followed by the checkpoint body.
 *
 * @example
 * cosignedMessage(body, 1679315147n).toString(); // 'cosignature/v1\ntime 1679315147\nexample.com/log\n...'
 */
export function cosignedMessage(checkpointText: string | Uint8Array, time: bigint): Buffer {
  const body = typeof checkpointText === 'string' ? Buffer.from(checkpointText, 'utf8') : checkpointText;
  return Buffer.concat([Buffer.from(`cosignature/v1\ntime ${time}\n`, 'utf8'), body]);
}

/**
 * Cosigns a checkpoint body as a witness (C2SP tlog-cosignature v1, Ed25519, type 0x04) and returns the
 * signature line to append to the signed checkpoint (`signedNote + line` is the cosigned note). Call it only
 * after checking the checkpoint is consistent with the last one seen.
 *
 * @example
 * const { text } = verifyCheckpoint(note, { logKey });
 * const line = cosignCheckpoint(text, { name: 'sightline.example/FR/witness', privateKey: witnessKey });
 */
export function cosignCheckpoint(
  checkpointText: string,
  witness: { name: string; privateKey: KeyObject },
  time: bigint | number = BigInt(Math.floor(Date.now() / 1000)),
): string {
  const { name, privateKey } = witness;
  if (!isValidKeyName(name)) throw new SightlineError('invalid_key', 'invalid witness key name');
  if (!isEd25519(privateKey, 'private'))
    throw new SightlineError('invalid_key', 'expected an Ed25519 private key');
  const timestamp = BigInt(time);
  if (timestamp < 0n || timestamp > MAX_TIMESTAMP)
    throw new SightlineError('invalid_time', 'timestamp out of range');
  parseCheckpoint(checkpointText);
  const signature = Buffer.alloc(72);
  signature.writeBigUInt64BE(timestamp, 0);
  signature.set(sign(null, cosignedMessage(checkpointText, timestamp), privateKey), 8);
  const keyId = noteKeyId(name, NOTE_KEY_TYPE.cosignatureV1, rawEd25519PublicKey(privateKey));
  return formatSignatureLine({ name, keyId, signature });
}

/**
 * A NoteVerifier for a witness's cosignatures (type 0x04): checks the timestamped Ed25519 signature.
 *
 * @example
 * verifyCheckpoint(note, { logKey, witnesses: [cosignatureVerifier('sightline.example/FR/witness', frWitnessKey)] });
 */
export function cosignatureVerifier(name: string, publicKey: KeyObject): NoteVerifier {
  if (!isValidKeyName(name)) throw new SightlineError('invalid_key', 'invalid witness key name');
  if (!isEd25519(publicKey, 'public'))
    throw new SightlineError('invalid_key', 'expected an Ed25519 public key');
  const keyId = noteKeyId(name, NOTE_KEY_TYPE.cosignatureV1, rawEd25519PublicKey(publicKey));
  return {
    name,
    keyId,
    type: NOTE_KEY_TYPE.cosignatureV1,
    verify(text, signature) {
      const time = cosignatureTime(signature);
      if (time === undefined) return false;
      const message = cosignedMessage(text, time);
      return verify(null, message, publicKey, signature.subarray(8));
    },
  };
}

/**
 * The timestamp of a cosignature (seconds since the epoch), or undefined if it is not 8 + 64 bytes or too large.
 *
 * @example
 * cosignatureTime(splitNote(note).signatures[1].signature); // 1679315147n
 */
export function cosignatureTime(signature: NoteSignature['signature']): bigint | undefined {
  if (signature.length !== 72) return undefined;
  const time = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength).readBigUInt64BE(0);
  return time <= MAX_TIMESTAMP ? time : undefined;
}
