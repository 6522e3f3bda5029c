import { createHash } from 'node:crypto';

/** C2SP signed-note signature type bytes used here. */
export const NOTE_KEY_TYPE = { ed25519: 0x01, cosignatureV1: 0x04 } as const;

export type NoteKeyType = (typeof NOTE_KEY_TYPE)[keyof typeof NOTE_KEY_TYPE];

/**
 * C2SP key ID: SHA-256(name || 0x0A || type || public key)[:4] as a big-endian uint32.
 *
 * @example
 * noteKeyId('PeterNeumann', NOTE_KEY_TYPE.ed25519, rawPublicKey).toString(16); // 'c74f20a3'
 */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(new Uint8Array([0x0a, type]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}
