import { asc, eq } from 'drizzle-orm';
import {
  cosignatureVerifier,
  formatSignatureLine,
  MAX_NOTE_SIGNATURES,
  type NoteSignature,
  splitNote,
} from '../../sdk/log/index.js';
import type { NodeContext } from '../context.js';
import type { Database } from '../db/database.js';
import { logCheckpoints, logCosignatures } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';
import { pinnedKeys } from '../keys/pinned-keys.js';
import type { SignedCheckpoint } from './checkpoint.js';
import { witnessKeyName } from './names.js';

/** The checkpoint's signed note with every stored cosignature appended as a further signature line. */
export async function cosignedNote(
  db: Pick<Database, 'select'>,
  checkpoint: SignedCheckpoint,
): Promise<string> {
  const rows = await db
    .select({ line: logCosignatures.line })
    .from(logCosignatures)
    .where(eq(logCosignatures.checkpointSize, Number(checkpoint.size)))
    .orderBy(asc(logCosignatures.receivedAt), asc(logCosignatures.witness), asc(logCosignatures.keyId))
    // A note may carry at most MAX_NOTE_SIGNATURES lines; the log's own signature is one of them.
    .limit(MAX_NOTE_SIGNATURES - 1);
  return checkpoint.note + rows.map((row) => row.line).join('');
}

/**
 * Stores a witness's cosignature of one of this node's checkpoints, after checking it against a witness
 * key pinned for that member (under the member's witness key name). Returns whether it was new; one per
 * witness key and checkpoint is kept. Throws ProblemError: 400 `malformed_cosignature`, 404
 * `unknown_checkpoint`, 422 `unknown_witness_key` or `invalid_cosignature`.
 */
export async function acceptCosignature(
  ctx: NodeContext,
  witness: string,
  size: bigint,
  line: string,
): Promise<{ stored: boolean; signature: NoteSignature }> {
  const signature = parseCosignatureLine(line);
  const [checkpoint] = await ctx.db
    .select({ note: logCheckpoints.note })
    .from(logCheckpoints)
    .where(eq(logCheckpoints.size, Number(size)));
  if (!checkpoint) {
    throw new ProblemError(
      404,
      'unknown_checkpoint',
      'no such checkpoint',
      `this node signed no checkpoint of size ${size}`,
    );
  }
  const verifiers = await witnessVerifiers(ctx, witness);
  const verifier = verifiers.find((v) => v.name === signature.name && v.keyId === signature.keyId);
  if (!verifier) {
    throw new ProblemError(
      422,
      'unknown_witness_key',
      'the cosignature is not by a pinned witness key of the calling member',
      `expected key name ${witnessKeyName(witness)} and one of ${verifiers.length} pinned witness keys of ${witness}`,
    );
  }
  const { text } = splitNote(checkpoint.note);
  if (!verifier.verify(Buffer.from(text, 'utf8'), signature.signature)) {
    throw new ProblemError(
      422,
      'invalid_cosignature',
      'the cosignature does not verify',
      `checkpoint of size ${size}`,
    );
  }
  const inserted = await ctx.db
    .insert(logCosignatures)
    .values({
      checkpointSize: Number(size),
      witness,
      keyId: signature.keyId,
      line: formatSignatureLine(signature),
    })
    .onConflictDoNothing()
    .returning({ witness: logCosignatures.witness });
  return { stored: inserted.length > 0, signature };
}

/** Exactly one signature line (its trailing newline optional). */
function parseCosignatureLine(line: string): NoteSignature {
  const body = line.endsWith('\n') ? line.slice(0, -1) : line;
  try {
    if (body.includes('\n')) throw new Error('more than one line');
    const [signature] = splitNote(`-\n\n${body}\n`).signatures;
    if (signature) return signature;
  } catch {}
  throw new ProblemError(
    400,
    'malformed_cosignature',
    'the cosignature is not one signed-note signature line',
    'expected "— <witness key name> <base64(key ID || timestamp || signature)>"',
  );
}

async function witnessVerifiers(ctx: NodeContext, witness: string) {
  const pinned = await pinnedKeys(ctx.db, ctx.member, { role: 'witness' });
  return pinned.kids().flatMap((kid) => {
    const key = pinned.resolve(kid);
    return key?.member === witness ? [cosignatureVerifier(witnessKeyName(witness), key.publicKey)] : [];
  });
}
