import { SightlineError } from '../errors.js';
import { type Checkpoint, parseCheckpoint } from './checkpoint.js';
import { cosignatureTime } from './cosignature.js';
import { NOTE_KEY_TYPE } from './key-id.js';
import { type NoteVerifier, openNote } from './note.js';
import { parseNoteVerifierKey } from './note-keys.js';

/** A checkpoint whose log signature verified, with the witness cosignatures that verified. */
export interface VerifiedCheckpoint {
  checkpoint: Checkpoint;
  /** The checkpoint body exactly as signed (what a witness cosigns). */
  text: string;
  cosignatures: Array<{ name: string; keyId: number; time: bigint }>;
}

export interface CheckpointTrust {
  /** The log's key (a verifier or its vkey string); its name must equal the checkpoint origin. */
  logKey: NoteVerifier | string;
  /** Witness cosignature keys (type 0x04): verifiers from cosignatureVerifier, or vkey strings. */
  witnesses?: ReadonlyArray<NoteVerifier | string>;
  /** How many distinct witnesses must have cosigned. Defaults to all of `witnesses` (0 when none are given). */
  requiredWitnesses?: number;
}

/**
 * Verifies a signed checkpoint: the log's signature, then witness cosignatures against the quorum.
 * Throws SightlineError: `invalid_key` (a bad vkey or quorum), `malformed_note` / `malformed_checkpoint`,
 * `invalid_note_signature` (a known key's signature fails), `unverified_note` / `missing_log_signature`,
 * `origin_mismatch`, `insufficient_witnesses`.
 *
 * @example
 * const { checkpoint } = verifyCheckpoint(note, {
 *   logKey: peer.logVkey,
 *   witnesses: witnessVkeys,
 *   requiredWitnesses: 1,
 * });
 */
export function verifyCheckpoint(note: string, trust: CheckpointTrust): VerifiedCheckpoint {
  const logKey = asVerifier(trust.logKey);
  const witnesses = (trust.witnesses ?? []).map(asVerifier);
  const required = trust.requiredWitnesses ?? witnesses.length;
  if (!Number.isSafeInteger(required) || required < 0 || required > witnesses.length) {
    throw new SightlineError(
      'invalid_key',
      'requiredWitnesses must be between 0 and the number of witnesses',
    );
  }
  if (witnesses.some((witness) => witness.type !== NOTE_KEY_TYPE.cosignatureV1)) {
    throw new SightlineError('invalid_key', 'witness verifiers must be cosignature/v1 (type 0x04) verifiers');
  }
  const opened = openNote(note, [logKey, ...witnesses]);
  const signedByLog = opened.verified.some((sig) => sig.name === logKey.name && sig.keyId === logKey.keyId);
  if (!signedByLog) {
    throw new SightlineError('missing_log_signature', 'the checkpoint is not signed by the log key');
  }
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== logKey.name) {
    throw new SightlineError('origin_mismatch', 'checkpoint origin is not the log key name');
  }
  const cosignatures = opened.verified
    .filter((sig) => witnesses.some((witness) => witness.name === sig.name && witness.keyId === sig.keyId))
    .map((sig) => ({ name: sig.name, keyId: sig.keyId, time: cosignatureTime(sig.signature) as bigint }));
  if (cosignatures.length < required) {
    const message = `${cosignatures.length} of ${required} required cosignatures`;
    throw new SightlineError('insufficient_witnesses', message);
  }
  return { checkpoint, text: opened.text, cosignatures };
}

function asVerifier(key: NoteVerifier | string): NoteVerifier {
  return typeof key === 'string' ? parseNoteVerifierKey(key) : key;
}
