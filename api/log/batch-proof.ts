import { inArray } from 'drizzle-orm';
import { batchInclusionPlan } from '../../sdk/log/index.js';
import type { Database } from '../db/database.js';
import { logLeaves } from '../db/schema.js';
import { fromStoredNodes } from './stored-hashes.js';

/** One proof that the leaves at `indexes` are in the tree of `size` leaves, with the leaves' bytes. */
export interface BatchProof {
  /** Each leaf's RFC 8785 JSON text, in the order of `indexes`. */
  leaves: string[];
  hashes: Uint8Array[];
}

/**
 * The leaf bytes and batch inclusion proof of `indexes` (strictly increasing, all below `size`) in the tree
 * of `size` leaves: two queries, whatever the number of leaves. The caller checks size <= the committed size.
 */
export async function batchProof(
  db: Pick<Database, 'select'>,
  indexes: readonly number[],
  size: number,
): Promise<BatchProof> {
  const rows = await db
    .select({ index: logLeaves.index, leaf: logLeaves.leaf })
    .from(logLeaves)
    .where(inArray(logLeaves.index, [...indexes]));
  const byIndex = new Map(rows.map((row) => [row.index, row.leaf]));
  const leaves = indexes.map((index) => {
    const leaf = byIndex.get(index);
    if (leaf === undefined) throw new Error(`log leaf ${index} is missing`);
    return leaf;
  });
  const [hashes] = await fromStoredNodes(db, [batchInclusionPlan(indexes, size)] as const);
  return { leaves, hashes };
}
