import { asTreeIndex } from './coords.js';
import { emptyRoot, hashesEqual, isHash, nodeHash } from './hash.js';

/** A consistency proof to check between the tree of `from` leaves (oldRoot) and of `to` leaves (newRoot). */
export interface ConsistencyProofInput {
  from: bigint | number;
  to: bigint | number;
  proof: readonly Uint8Array[];
  oldRoot: Uint8Array;
  newRoot: Uint8Array;
}

/**
 * RFC 9162 section 2.1.4.2: is the tree (`to`, newRoot) an append-only extension of (`from`, oldRoot)?
 * Returns a boolean and never throws. Edge cases: from = to needs an empty proof and equal roots; from = 0
 * needs an empty proof and oldRoot = SHA-256("") (every tree extends the empty tree).
 *
 * @example
 * verifyConsistency({ from: seen.size, to: latest.size, proof, oldRoot: seen.rootHash, newRoot: latest.rootHash });
 */
export function verifyConsistency(input: ConsistencyProofInput): boolean {
  const from = asTreeIndex(input?.from);
  const to = asTreeIndex(input?.to);
  const { proof, oldRoot, newRoot } = input ?? {};
  if (from === undefined || to === undefined || from > to) return false;
  if (
    !Array.isArray(proof) ||
    proof.length > 128 ||
    !proof.every(isHash) ||
    !isHash(oldRoot) ||
    !isHash(newRoot)
  ) {
    return false;
  }
  if (from === to) return proof.length === 0 && hashesEqual(oldRoot, newRoot);
  if (from === 0n) return proof.length === 0 && hashesEqual(oldRoot, emptyRoot());
  if (proof.length === 0) return false;

  const path = (from & (from - 1n)) === 0n ? [oldRoot, ...proof] : proof;
  let fn = from - 1n;
  let sn = to - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0] as Uint8Array;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && hashesEqual(fr, oldRoot) && hashesEqual(sr, newRoot);
}
