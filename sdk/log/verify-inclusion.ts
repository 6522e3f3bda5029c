import { asTreeIndex } from './coords.js';
import { hashesEqual, isHash, leafHash, nodeHash } from './hash.js';

/** An inclusion proof to check: give the leaf's hash, or the leaf itself (then it is hashed as an RFC 6962 leaf). */
export type InclusionProofInput = (
  | { leafHash: Uint8Array; leaf?: undefined }
  | { leaf: Uint8Array; leafHash?: undefined }
) & {
  index: bigint | number;
  size: bigint | number;
  proof: readonly Uint8Array[];
  root: Uint8Array;
};

/**
 * RFC 9162 section 2.1.3.2: does `proof` show leaf `index` is in the tree of `size` leaves with `root`?
 * Returns a boolean and never throws: malformed input (a bad index, a hash that is not 32 bytes) is false.
 *
 * @example
 * verifyInclusion({ leaf: recordIdBytes, index: 5n, size: 8n, proof, root: checkpoint.rootHash }); // true
 */
export function verifyInclusion(input: InclusionProofInput): boolean {
  const index = asTreeIndex(input?.index);
  const size = asTreeIndex(input?.size);
  const { proof, root } = input ?? {};
  if (index === undefined || size === undefined || index >= size) return false;
  if (!Array.isArray(proof) || proof.length > 64 || !proof.every(isHash) || !isHash(root)) return false;
  const start = startHash(input);
  if (!start) return false;

  let fn = index;
  let sn = size - 1n;
  let r: Uint8Array = start;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && hashesEqual(r, root);
}

function startHash(input: InclusionProofInput): Uint8Array | undefined {
  if (input.leafHash !== undefined)
    return input.leaf === undefined && isHash(input.leafHash) ? input.leafHash : undefined;
  return input.leaf instanceof Uint8Array ? leafHash(input.leaf) : undefined;
}
