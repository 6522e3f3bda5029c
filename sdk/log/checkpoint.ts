import { SightlineError } from '../errors.js';
import { decodeBase64, encodeBase64 } from '../keys/base64.js';
import { MAX_TREE_SIZE } from './coords.js';
import { isHash } from './hash.js';
import { assertNoteText, type NoteSigner, signNote } from './note.js';

/** A C2SP tlog-checkpoint body: the log's origin, tree size, RFC 6962 root hash, optional extension lines. */
export interface Checkpoint {
  origin: string;
  size: bigint;
  rootHash: Uint8Array;
  extensions: string[];
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/**
 * The checkpoint note text: one line each for origin, size, base64 root hash, then extensions.
 * Throws SightlineError `malformed_checkpoint` for fields that would not parse back.
 *
 * @example
 * formatCheckpoint({ origin: 'example.com/log', size: 3n, rootHash, extensions: [] });
 * // 'example.com/log\n3\n<base64 root>\n'
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions } = checkpoint;
  const lines = [origin, size.toString(), encodeBase64(rootHash), ...extensions];
  const text = `${lines.join('\n')}\n`;
  if (!sameCheckpoint(parseCheckpoint(text), checkpoint))
    throw malformed('checkpoint fields do not round-trip');
  return text;
}

/**
 * Parses a checkpoint body (the note text, not a signed note). Throws SightlineError `malformed_checkpoint`.
 *
 * @example
 * const { origin, size, rootHash } = parseCheckpoint('example.com/log\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
 */
export function parseCheckpoint(text: string): Checkpoint {
  try {
    assertNoteText(text);
  } catch {
    throw malformed('checkpoint is not valid note text');
  }
  if (!text.endsWith('\n')) throw malformed('checkpoint must end with a newline');
  const [origin, sizeLine, rootLine, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin || sizeLine === undefined || rootLine === undefined)
    throw malformed('checkpoint needs three lines');
  if (!DECIMAL.test(sizeLine) || BigInt(sizeLine) > MAX_TREE_SIZE)
    throw malformed('tree size must be a uint64 decimal');
  const rootHash = decodeBase64(rootLine);
  if (!rootHash || !isHash(rootHash)) throw malformed('root hash must be 32 bytes of base64');
  if (extensions.some((line) => line.length === 0)) throw malformed('extension lines must be non-empty');
  return { origin, size: BigInt(sizeLine), rootHash, extensions };
}

/**
 * Signs a checkpoint as a note. The signer's key name must be the origin (the log's key name SHOULD match the
 * origin line; we require it so a key for one log never vouches for another).
 *
 * @example
 * const note = signCheckpoint({ origin, size, rootHash, extensions: [] }, ed25519NoteSigner(origin, logKey));
 */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  if (signer.name !== checkpoint.origin) {
    throw new SightlineError('invalid_key', 'the log key name must equal the checkpoint origin');
  }
  return signNote(formatCheckpoint(checkpoint), [signer]);
}

function sameCheckpoint(a: Checkpoint, b: Checkpoint): boolean {
  return (
    a.origin === b.origin &&
    a.size === b.size &&
    Buffer.from(a.rootHash).equals(b.rootHash) &&
    a.extensions.length === b.extensions.length &&
    a.extensions.every((line, i) => line === b.extensions[i])
  );
}

function malformed(message: string): SightlineError {
  return new SightlineError('malformed_checkpoint', message);
}
