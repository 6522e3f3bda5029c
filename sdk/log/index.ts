export { type AppendPlan, appendPlan, type StoredNode } from './append.js';
export {
  type BatchInclusionInput,
  batchInclusionPaths,
  batchInclusionPlan,
  verifyBatchInclusion,
} from './batch-inclusion.js';
export { type Checkpoint, formatCheckpoint, parseCheckpoint, signCheckpoint } from './checkpoint.js';
export { consistencyPlan } from './consistency.js';
export { type HashGetter, type HashPlan, MAX_TREE_SIZE, type NodeCoord } from './coords.js';
export { cosignatureTime, cosignatureVerifier, cosignCheckpoint, cosignedMessage } from './cosignature.js';
export { type ForkEvidence, type ForkVerdict, verifyForkEvidence } from './fork-evidence.js';
export { emptyRoot, HASH_SIZE, hashesEqual, leafHash, nodeHash } from './hash.js';
export { inclusionPlan } from './inclusion.js';
export { NOTE_KEY_TYPE, type NoteKeyType, noteKeyId } from './key-id.js';
export { logOrigin, witnessKeyName } from './names.js';
export {
  formatSignatureLine,
  isValidKeyName,
  MAX_NOTE_SIGNATURES,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
  openNote,
  signNote,
  splitNote,
} from './note.js';
export {
  ed25519NoteSigner,
  ed25519NoteVerifier,
  noteVerifierKey,
  parseNoteVerifierKey,
} from './note-keys.js';
export { rootPlan } from './root.js';
export { type CheckpointTrust, type VerifiedCheckpoint, verifyCheckpoint } from './verify-checkpoint.js';
export { type ConsistencyProofInput, verifyConsistency } from './verify-consistency.js';
export { type InclusionProofInput, verifyInclusion } from './verify-inclusion.js';
export {
  type ProvenanceStep,
  type ProvenanceTrust,
  type ProvenanceVerdict,
  verifyProvenance,
} from './verify-provenance.js';
