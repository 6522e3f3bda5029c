import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { logLeaves, recordReceipts, records } from '../db/schema.js';
import { decodeLeaf } from '../log/leaf.js';

const IDS_PER_QUERY = 1000;

/**
 * When each of these records was first logged, as far as this node can vouch: its own log leaf for the
 * record, or, for a record pulled from its author, the author's leaf that came with it (the pull verified
 * its inclusion under the author's witnessed checkpoint before keeping it), whichever is earlier. The
 * author's leaf counts because a revocation rejects only records first logged after its start (DESIGN.md,
 * decision 4): ingest admitted the record by that leaf, so the view and reconciliation judge it the same way.
 * Records with neither are left out of the map.
 *
 * @example
 * const times = await trustedLogTimes(ctx.db, [id]);
 * verifyRecord(jws, keys.resolve, { loggedAt: times.get(id) });
 */
export async function trustedLogTimes(db: Database, ids: readonly string[]): Promise<Map<string, string>> {
  const earliest = new Map<string, string>();
  const note = (id: string, leafText: string, from?: string, author?: string) => {
    const leaf = decodeLeaf(leafText);
    if (leaf?.type !== 'record' || leaf.id !== id || typeof leaf.at !== 'string') return;
    if (Number.isNaN(Date.parse(leaf.at))) return;
    if (from !== undefined && (leaf.from !== from || leaf.author !== author)) return;
    const known = earliest.get(id);
    if (known === undefined || Date.parse(leaf.at) < Date.parse(known)) earliest.set(id, leaf.at);
  };
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    const own = await db
      .select({ id: records.id, leaf: logLeaves.leaf })
      .from(records)
      .innerJoin(logLeaves, and(eq(logLeaves.index, records.seq), eq(logLeaves.recordId, records.id)))
      .where(inArray(records.id, chunk));
    for (const row of own) note(row.id, row.leaf);
    const fromAuthor = await db
      .select({ id: recordReceipts.recordId, leaf: recordReceipts.senderLeaf, author: records.author })
      .from(recordReceipts)
      .innerJoin(
        records,
        and(eq(records.id, recordReceipts.recordId), eq(records.author, recordReceipts.from)),
      )
      .where(and(inArray(recordReceipts.recordId, chunk), isNotNull(recordReceipts.senderLeaf)));
    // The author's log says it wrote the record (`from: self`): a relay's leaf would only say when it relayed it.
    for (const row of fromAuthor) note(row.id, row.leaf as string, 'self', row.author);
  }
  return earliest;
}
