import type { FeedPage } from '../client/peer-client.js';
import { decodeBase64 } from '../keys/index.js';
import { batchInclusionPaths } from '../log/batch-inclusion.js';
import { leafHash } from '../log/hash.js';
import { recordId } from '../record/jws.js';

/** Why a feed page is not proven to be in the checkpoint it was served under. */
export type FeedInclusionCode = 'missing_proof' | 'wrong_tree_size' | 'leaf_mismatch' | 'not_included';

export type FeedInclusionResult =
  | {
      ok: true;
      /** Per record, in page order: its leaf bytes and its own RFC 9162 inclusion proof in the checkpoint's tree. */
      proofs: { leaf: Uint8Array; hashes: Uint8Array[] }[];
    }
  | { ok: false; code: FeedInclusionCode; message: string };

/**
 * Checks that every record of a feed page asked for with `size` is in the peer's log as of the checkpoint
 * of that size: each record's leaf must be a record leaf naming that record's id, and one batch inclusion
 * proof must lead from all the leaves to the checkpoint's root. A page without records needs no proof. On
 * success it returns each record's own inclusion proof, to keep for auditors (verifyInclusion checks it).
 * Verify the checkpoint itself first (verifyCheckpoint); this trusts its size and root.
 *
 * @example
 * const page = await peer.feed({ after: cursor, size: Number(checkpoint.size) });
 * const inclusion = verifyFeedInclusion(page, checkpoint);
 * if (!inclusion.ok) throw new Error(`${inclusion.code}: ${inclusion.message}`);
 */
export function verifyFeedInclusion(
  page: FeedPage,
  checkpoint: { size: bigint | number; rootHash: Uint8Array },
): FeedInclusionResult {
  if (page.records.length === 0) return { ok: true, proofs: [] };
  const { proof } = page;
  if (!proof) return failure('missing_proof', 'the page carries no inclusion proof');
  if (BigInt(proof.treeSize) !== BigInt(checkpoint.size)) {
    return failure(
      'wrong_tree_size',
      `proof for tree size ${proof.treeSize}, checkpoint size ${checkpoint.size}`,
    );
  }
  if (!Array.isArray(proof.leaves) || proof.leaves.length !== page.records.length) {
    return failure('leaf_mismatch', 'the proof does not give one leaf per record');
  }
  const leaves: { index: number; leafHash: Uint8Array }[] = [];
  const leafBytes: Uint8Array[] = [];
  for (const [i, record] of page.records.entries()) {
    const bytes = decodeBase64(proof.leaves[i] as string);
    const id = recordIdOf(record.jws);
    if (!bytes || !id || !leafNamesRecord(bytes, id)) {
      return failure(
        'leaf_mismatch',
        `the leaf at ${record.seq} does not log record ${id ?? '(undecodable)'}`,
      );
    }
    leaves.push({ index: record.seq, leafHash: leafHash(bytes) });
    leafBytes.push(bytes);
  }
  const hashes = Array.isArray(proof.hashes) ? proof.hashes.map(decodeBase64) : [];
  const paths = batchInclusionPaths({
    leaves,
    size: checkpoint.size,
    proof: hashes.map((hash) => hash ?? new Uint8Array()),
    root: checkpoint.rootHash,
  });
  return paths
    ? { ok: true, proofs: paths.map((hashes, i) => ({ leaf: leafBytes[i] as Uint8Array, hashes })) }
    : failure('not_included', `the records are not all in the tree of size ${checkpoint.size}`);
}

function recordIdOf(jws: string): string | undefined {
  const payload = jws.split('.')[1];
  return payload ? recordId(Buffer.from(payload, 'base64url')) : undefined;
}

function leafNamesRecord(bytes: Uint8Array, id: string): boolean {
  try {
    const leaf = JSON.parse(Buffer.from(bytes).toString('utf8')) as { type?: unknown; id?: unknown };
    return leaf.type === 'record' && leaf.id === id;
  } catch {
    return false;
  }
}

const failure = (code: FeedInclusionCode, message: string): FeedInclusionResult => ({
  ok: false,
  code,
  message,
});
