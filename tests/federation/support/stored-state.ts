import { asc } from 'drizzle-orm';
import { openDatabase } from '../../../api/db/open.js';
import { logHead, logLeaves, peerSync, recordReceipts, records, rejections } from '../../../api/db/schema.js';

/** What a node's database holds, read directly: the ground truth behind its API. */
export interface StoredState {
  /** Record ids in log order (by seq). */
  recordIds: string[];
  seqs: number[];
  logSize: number;
  /** Record id of every log leaf, in leaf order (null for leaves that are not records). */
  leafRecordIds: (string | null)[];
  receipts: { recordId: string; from: string; senderSeq: number | null }[];
  cursors: Map<string, number>;
  rejections: { from: string; recordId: string | null; code: string }[];
}

/**
 * Opens a node's storage while its process is not running (PGlite admits one process at a time) and reads
 * it. PostgreSQL databases may be read at any time.
 */
export async function readStoredState(node: { dataDir: string; databaseUrl?: string | undefined }) {
  const database = await openDatabase(
    node.databaseUrl ? { databaseUrl: node.databaseUrl, maxConnections: 1 } : { dataDir: node.dataDir },
  );
  try {
    const { db } = database;
    const rows = await db
      .select({ id: records.id, seq: records.seq })
      .from(records)
      .orderBy(asc(records.seq));
    const [head] = await db.select({ size: logHead.size }).from(logHead);
    const leaves = await db
      .select({ recordId: logLeaves.recordId })
      .from(logLeaves)
      .orderBy(asc(logLeaves.index));
    const receipts = await db
      .select({
        recordId: recordReceipts.recordId,
        from: recordReceipts.from,
        senderSeq: recordReceipts.senderSeq,
      })
      .from(recordReceipts);
    const sync = await db.select({ member: peerSync.member, cursor: peerSync.cursor }).from(peerSync);
    const refused = await db
      .select({ from: rejections.from, recordId: rejections.recordId, code: rejections.code })
      .from(rejections);
    return {
      recordIds: rows.map((r) => r.id),
      seqs: rows.map((r) => Number(r.seq)),
      logSize: Number(head?.size ?? 0),
      leafRecordIds: leaves.map((l) => l.recordId),
      receipts: receipts.map((r) => ({ ...r, senderSeq: r.senderSeq === null ? null : Number(r.senderSeq) })),
      cursors: new Map(sync.map((s) => [s.member, Number(s.cursor)])),
      rejections: refused,
    } satisfies StoredState;
  } finally {
    await database.close();
  }
}
