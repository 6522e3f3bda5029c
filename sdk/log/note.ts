import { SightlineError } from '../errors.js';
import { decodeBase64, encodeBase64 } from '../keys/base64.js';

/** One signature line of a C2SP signed note; `signature` excludes the 4-byte key ID. */
export interface NoteSignature {
  name: string;
  /** uint32 key ID (first 4 bytes of the line's base64 payload, big-endian). */
  keyId: number;
  signature: Uint8Array;
}

/** Checks signatures by one key, identified by (name, keyId). `verify` gets the UTF-8 note text. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** The signature type byte (0x01 Ed25519, 0x04 cosignature/v1), when known. */
  readonly type?: number;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** Signs note text as one key. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: Uint8Array): Uint8Array;
}

/** A note whose signatures by known keys all verified (at least one did). */
export interface OpenedNote {
  text: string;
  verified: NoteSignature[];
  /** Signatures by keys the caller did not supply: ignored, kept for relaying. */
  unverified: NoteSignature[];
}

/** More signatures than this make a note malformed (the spec asks verifiers to accept at least 16). */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 ';
const LONE_SURROGATE = /\p{Cs}/u;
const SPACE_OR_PLUS = /[\p{White_Space}+]/u;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * C2SP key name rule: non-empty, no Unicode spaces, no '+'.
 *
 * @example
 * isValidKeyName('sightline.example/DE'); // true
 * isValidKeyName('my key'); // false
 */
export function isValidKeyName(name: unknown): name is string {
  return (
    typeof name === 'string' && name.length > 0 && !SPACE_OR_PLUS.test(name) && !LONE_SURROGATE.test(name)
  );
}

/**
 * Signs note text (which must end with a newline) with every signer.
 *
 * @example
 * signNote('hello\n', [ed25519NoteSigner('example.com/key', privateKey)]);
 * // 'hello\n\n— example.com/key <base64>\n'
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  assertNoteText(text);
  if (!text.endsWith('\n')) throw malformed('note text must end with a newline');
  const bytes = Buffer.from(text, 'utf8');
  const lines = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) throw new SightlineError('invalid_key', 'invalid note key name');
    return formatSignatureLine({ name: signer.name, keyId: signer.keyId, signature: signer.sign(bytes) });
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * One signature line, newline included: `— <name> base64(keyId || signature)\n`.
 *
 * @example
 * const relayed = text + '\n' + opened.unverified.map(formatSignatureLine).join('');
 */
export function formatSignatureLine(signature: NoteSignature): string {
  const payload = Buffer.alloc(4 + signature.signature.length);
  payload.writeUInt32BE(signature.keyId >>> 0, 0);
  payload.set(signature.signature, 4);
  return `${SIGNATURE_PREFIX}${signature.name} ${encodeBase64(payload)}\n`;
}

/**
 * Splits a signed note into text and signature lines without verifying anything.
 * Throws SightlineError `malformed_note`.
 *
 * @example
 * const { text, signatures } = splitNote(note);
 */
export function splitNote(note: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  const whole = decodeNote(note);
  assertNoteText(whole);
  const split = whole.lastIndexOf('\n\n');
  if (split < 0) throw malformed('no blank line before the signatures');
  const text = whole.slice(0, split + 1);
  const block = whole.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw malformed('signature lines must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed('too many signatures');
  return { text, signatures: lines.map(parseSignatureLine) };
}

/**
 * Opens a signed note (C2SP signed-note): signatures by unknown keys are ignored, every signature by a known
 * key must verify, and at least one must. Throws SightlineError `malformed_note`, `invalid_note_signature`
 * (a known key's signature fails), `unverified_note` (no known key signed), or `invalid_key` (two verifiers
 * share a name and key ID).
 *
 * @example
 * const { text } = openNote(note, [parseNoteVerifierKey('PeterNeumann+c74f20a3+ARpc2Q...')]);
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const known = new Map<string, NoteVerifier>();
  for (const verifier of verifiers) {
    const id = keyOf(verifier.name, verifier.keyId);
    if (known.has(id))
      throw new SightlineError('invalid_key', `two verifiers for ${verifier.name}+${hex(verifier.keyId)}`);
    known.set(id, verifier);
  }
  const { text, signatures } = splitNote(note);
  const bytes = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenKnown = new Set<string>();
  const seenUnknown = new Set<string>();
  for (const signature of signatures) {
    const id = keyOf(signature.name, signature.keyId);
    const verifier = known.get(id);
    if (!verifier) {
      const line = formatSignatureLine(signature);
      if (!seenUnknown.has(line)) unverified.push(signature);
      seenUnknown.add(line);
      continue;
    }
    if (seenKnown.has(id)) throw malformed(`repeated signature by ${signature.name}`);
    seenKnown.add(id);
    if (!verifier.verify(bytes, signature.signature)) {
      throw new SightlineError('invalid_note_signature', `signature by ${signature.name} does not verify`);
    }
    verified.push(signature);
  }
  if (verified.length === 0) throw new SightlineError('unverified_note', 'no signature by a known key');
  return { text, verified, unverified };
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX))
    throw malformed('signature lines start with an em dash and a space');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = rest.slice(0, space);
  const payload = space < 0 ? undefined : decodeBase64(rest.slice(space + 1));
  if (!isValidKeyName(name) || !payload || payload.length < 5) throw malformed('bad signature line');
  return { name, keyId: payload.readUInt32BE(0), signature: payload.subarray(4) };
}

function decodeNote(note: string | Uint8Array): string {
  if (typeof note === 'string') return note;
  try {
    return strictUtf8.decode(note);
  } catch {
    throw malformed('note is not UTF-8');
  }
}

/** Valid UTF-8 (no lone surrogates) and no ASCII control characters other than newline. */
export function assertNoteText(text: string): void {
  if (LONE_SURROGATE.test(text)) throw malformed('note is not valid Unicode');
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) throw malformed('note contains a control character');
  }
}

function keyOf(name: string, keyId: number): string {
  return `${name}\n${keyId >>> 0}`;
}

function hex(keyId: number): string {
  return (keyId >>> 0).toString(16).padStart(8, '0');
}

function malformed(message: string): SightlineError {
  return new SightlineError('malformed_note', message);
}
