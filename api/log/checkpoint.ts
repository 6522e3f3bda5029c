import { desc } from 'drizzle-orm';
import {
  consistencyPlan,
  ed25519NoteSigner,
  rootPlan,
  signCheckpoint,
  verifyConsistency,
} from '../../sdk/log/index.js';
import type { NodeContext } from '../context.js';
import type { Database } from '../db/database.js';
import { type LogCheckpointRow, logCheckpoints } from '../db/schema.js';
import { currentKey } from '../node/keys.js';
import { committedLogSize, lockLogHead } from './head.js';
import { logOrigin } from './names.js';
import { fromStoredNodes } from './stored-hashes.js';

/** A checkpoint this node signed: tree size, RFC 6962 root, and the signed note (log signature only). */
export interface SignedCheckpoint {
  size: bigint;
  rootHash: Uint8Array;
  note: string;
  createdAt: string;
}

/** Refusal to sign a checkpoint that would not extend the last one: storage is damaged, not the request. */
export class CheckpointInconsistentError extends Error {
  readonly code = 'checkpoint_inconsistent';
}

/** The latest checkpoint, signing one for the current log size first if the log grew past it. */
export async function currentCheckpoint(ctx: NodeContext): Promise<SignedCheckpoint> {
  const latest = await latestCheckpoint(ctx.db);
  if (latest && latest.size >= (await committedLogSize(ctx.db))) return latest;
  return signCheckpointAtHead(ctx);
}

/**
 * Signs a checkpoint for the log's size, unless one exists. Holds the log head lock (the appenders' lock),
 * so size and root match and signers in every process are serialized: sizes only grow, and before signing
 * the new root is checked to extend the previous checkpoint's by a consistency proof from stored nodes.
 */
export async function signCheckpointAtHead(ctx: NodeContext): Promise<SignedCheckpoint> {
  return ctx.db.transaction(async (tx) => {
    const size = await lockLogHead(tx);
    const previous = await latestCheckpoint(tx);
    if (previous && previous.size === size) return previous;
    if (previous && previous.size > size) {
      throw new CheckpointInconsistentError(`log size ${size} is below the last checkpoint ${previous.size}`);
    }
    const [rootHash, proof] = await fromStoredNodes(tx, [
      rootPlan(size),
      consistencyPlan(previous?.size ?? 0n, size),
    ] as const);
    if (previous && !extendsPrevious(previous, size, rootHash, proof)) {
      throw new CheckpointInconsistentError(
        `the tree of size ${size} does not extend checkpoint ${previous.size}`,
      );
    }
    const origin = logOrigin(ctx.member);
    const signer = ed25519NoteSigner(origin, (await currentKey(ctx, 'log', tx)).privateKey);
    const note = signCheckpoint({ origin, size, rootHash, extensions: [] }, signer);
    const [row] = await tx
      .insert(logCheckpoints)
      .values({ size: Number(size), rootHash, note })
      .returning();
    return toSignedCheckpoint(row as LogCheckpointRow);
  });
}

/** The checkpoint of the largest size signed so far, if any. */
export async function latestCheckpoint(db: Pick<Database, 'select'>): Promise<SignedCheckpoint | undefined> {
  const [row] = await db.select().from(logCheckpoints).orderBy(desc(logCheckpoints.size)).limit(1);
  return row ? toSignedCheckpoint(row) : undefined;
}

function extendsPrevious(
  previous: SignedCheckpoint,
  size: bigint,
  rootHash: Uint8Array,
  proof: Uint8Array[],
): boolean {
  return verifyConsistency({
    from: previous.size,
    to: size,
    proof,
    oldRoot: previous.rootHash,
    newRoot: rootHash,
  });
}

function toSignedCheckpoint(row: LogCheckpointRow): SignedCheckpoint {
  return { size: BigInt(row.size), rootHash: row.rootHash, note: row.note, createdAt: row.createdAt };
}
