import { createHash } from 'node:crypto';

/**
 * RFC 6962 leaf hash: SHA-256(0x00 || leaf).
 *
 * @example
 * const hash = leafHash(Buffer.from(recordId, 'hex'));
 */
export function leafHash(leaf: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/**
 * RFC 6962 interior node hash: SHA-256(0x01 || left || right).
 *
 * @example
 * const parent = nodeHash(leftChild, rightChild);
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/**
 * Root hash of the empty tree: SHA-256 of the empty string.
 *
 * @example
 * emptyRoot().toString('hex'); // 'e3b0c442...b855'
 */
export function emptyRoot(): Buffer {
  return createHash('sha256').digest();
}

/** True when `value` is a 32-byte hash. */
export function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

/**
 * Byte equality of two hashes (both public values, so no constant-time compare is needed).
 *
 * @example
 * hashesEqual(computedRoot, checkpoint.rootHash);
 */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

export const HASH_SIZE = 32;
const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);
