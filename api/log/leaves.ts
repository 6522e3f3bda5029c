import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { logLeaves, records } from '../db/schema.js';

/** A leaf of this node's log: its index and its bytes (RFC 8785 JSON text). */
export interface StoredLeaf {
  index: bigint;
  leaf: string;
}

/** The leaf at `index`, if the log has one there. */
export async function leafAt(db: Pick<Database, 'select'>, index: bigint): Promise<StoredLeaf | undefined> {
  const [row] = await db
    .select({ leaf: logLeaves.leaf })
    .from(logLeaves)
    .where(eq(logLeaves.index, Number(index)));
  return row ? { index, leaf: row.leaf } : undefined;
}

/** The leaf that logged record `id`, found through the record's sequence number (the records primary key). */
export async function leafOfRecord(
  db: Pick<Database, 'select'>,
  id: string,
): Promise<StoredLeaf | undefined> {
  const [row] = await db
    .select({ index: logLeaves.index, leaf: logLeaves.leaf, recordId: logLeaves.recordId })
    .from(records)
    .innerJoin(logLeaves, eq(logLeaves.index, records.seq))
    .where(eq(records.id, id));
  return row && row.recordId === id ? { index: BigInt(row.index), leaf: row.leaf } : undefined;
}
