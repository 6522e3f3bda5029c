import { eq } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.js';
import { logHead } from '../db/schema.js';

/**
 * Locks the log head row and returns the log size: the same lock appendLeaves takes, so whoever holds it
 * sees a size whose nodes are all stored and no append can slip in before the transaction ends.
 */
export async function lockLogHead(tx: Tx): Promise<bigint> {
  await tx.insert(logHead).values({ id: 1, size: 0 }).onConflictDoNothing();
  const [head] = await tx.select({ size: logHead.size }).from(logHead).where(eq(logHead.id, 1)).for('update');
  return BigInt(head?.size ?? 0);
}

/**
 * The committed log size, without a lock. The head row moves in the same transaction as the nodes it
 * covers, so every tree of this size or smaller can be read from stored nodes.
 */
export async function committedLogSize(db: Pick<Database, 'select'>): Promise<bigint> {
  const [head] = await db.select({ size: logHead.size }).from(logHead).where(eq(logHead.id, 1));
  return BigInt(head?.size ?? 0);
}
