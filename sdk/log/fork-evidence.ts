import type { KeyObject } from 'node:crypto';
import { decodeBase64 } from '../keys/base64.js';
import { hashesEqual } from './hash.js';
import { logOrigin } from './names.js';
import { ed25519NoteVerifier } from './note-keys.js';
import { verifyCheckpoint } from './verify-checkpoint.js';
import { verifyConsistency } from './verify-consistency.js';

export interface ForkEvidence {
  member: string;
  earlier: string;
  later: string;
  /** JSON array of base64 hashes the log served as a consistency proof, or a note why it served none. */
  proof: string;
}

/**
 * `forked: true` only on proof by itself. `unproven`: the log signed two sizes and the evidence does not
 * link them; whoever wrote the evidence chose its proof, so only a consistency proof asked of the log itself
 * (`/fed/v1/log/proof/consistency?from=FROM&to=TO`) can settle it.
 */
export type ForkVerdict =
  | { forked: true; reason: string }
  | { forked: false; reason: string; unproven?: { from: number; to: number } };

/**
 * Checks fork evidence offline against the member's pinned log key: both checkpoints must be signed by it.
 * Two different roots signed for one size prove a fork by themselves. For two sizes, a consistency proof in
 * the evidence that links them refutes the claim; one that does not proves nothing, since anyone can write a
 * wrong proof: the verdict is then `unproven`, naming the proof to ask the log for.
 *
 * @example
 * const { forks } = await (await fetch(`${node}/fed/v1/log/evidence`)).json();
 * const verdict = verifyForkEvidence(forks[0], [pinnedLogKeyOfB]);
 */
export function verifyForkEvidence(evidence: ForkEvidence, logKeys: readonly KeyObject[]): ForkVerdict {
  const open = (note: string) => {
    for (const key of logKeys) {
      try {
        return verifyCheckpoint(note, { logKey: ed25519NoteVerifier(logOrigin(evidence.member), key) })
          .checkpoint;
      } catch {}
    }
    return undefined;
  };
  const a = open(evidence.earlier);
  const b = open(evidence.later);
  if (!a || !b)
    return { forked: false, reason: 'a checkpoint is not signed by a pinned log key of the member' };
  if (a.size === b.size) {
    return hashesEqual(a.rootHash, b.rootHash)
      ? { forked: false, reason: 'same size and same root' }
      : { forked: true, reason: `two roots signed for size ${a.size}` };
  }
  const [older, newer] = a.size < b.size ? [a, b] : [b, a];
  let proof: Uint8Array[] | undefined;
  try {
    const parsed = JSON.parse(evidence.proof) as unknown;
    if (Array.isArray(parsed)) proof = parsed.map((h) => decodeBase64(String(h)) ?? new Uint8Array());
  } catch {}
  if (
    proof &&
    verifyConsistency({
      from: older.size,
      to: newer.size,
      proof,
      oldRoot: older.rootHash,
      newRoot: newer.rootHash,
    })
  ) {
    return { forked: false, reason: 'the consistency proof links the two checkpoints' };
  }
  return {
    forked: false,
    reason: `the evidence does not link size ${older.size} to size ${newer.size}; ask the log for a consistency proof`,
    unproven: { from: Number(older.size), to: Number(newer.size) },
  };
}
