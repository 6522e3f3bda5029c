import { count } from 'drizzle-orm';
import type { Database } from '../../../api/db/database.js';
import { logHead, logLeaves, logNodes, records } from '../../../api/db/schema.js';

/** Row counts of everything an accepted record adds: the record, its log leaf, the log's tree nodes. */
export async function storedCounts(db: Database) {
  const [recordRows] = await db.select({ n: count() }).from(records);
  const [leafRows] = await db.select({ n: count() }).from(logLeaves);
  const [nodeRows] = await db.select({ n: count() }).from(logNodes);
  const [head] = await db.select({ size: logHead.size }).from(logHead);
  return {
    records: recordRows?.n ?? 0,
    log_leaves: leafRows?.n ?? 0,
    log_nodes: nodeRows?.n ?? 0,
    log_size: head?.size ?? 0,
  };
}
