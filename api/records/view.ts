import { and, eq, inArray, sql } from 'drizzle-orm';
import type { RecordView } from '../../schemas/api/observations.js';
import type { SignedRecord } from '../../schemas/record.js';
import type { Database } from '../db/database.js';
import { records } from '../db/schema.js';

/** Whether the `records` row called `alias` in a query was retracted by its own author (SQL, for subqueries). */
const retractedByItsAuthor = (alias: 's' | 'records') =>
  sql.raw(`exists (select 1 from records x where x.retracts = ${alias}.id and x.author = ${alias}.author)`);

/** The record's first correction by its author, by log order, that is (or is not) itself retracted. */
const firstCorrection = (retracted: boolean) =>
  sql<
    string | null
  >`(select s.id from records s where s.supersedes = records.id and s.author = records.author and ${sql.raw(retracted ? '' : 'not ')}${retractedByItsAuthor('s')} order by s.seq limit 1)`;

/**
 * Columns of a record view; supersede and retract marks are looked up, never stored twice. The outer
 * `records.id` / `records.author` are written out: drizzle renders the columns of a single-table select
 * unqualified, and an unqualified `id` inside the subquery would bind to `s`.
 */
export const recordViewColumns = {
  id: records.id,
  seq: records.seq,
  author: records.author,
  jws: records.jws,
  receivedFrom: records.receivedFrom,
  receivedAt: records.receivedAt,
  // A correction that was itself retracted no longer replaces the record: it is the latest version again.
  supersededBy: firstCorrection(false),
  retractedBy: sql<
    string | null
  >`(select r.id from records r where r.retracts = records.id and r.author = records.author order by r.seq limit 1)`,
  /** A retracted correction of the record: a correction of it may stand and replace the record (see below). */
  retractedCorrection: firstCorrection(true),
};

// Corrections of corrections, all retracted, run a few deep: a chain longer than this (only hostile data
// makes one) is not walked to its end, and the record reads as its direct marks say.
const MAX_CHAIN_LEVELS = 64;
const MAX_LEVEL_WIDTH = 1000;

/** The first correction of `record` that is not retracted, walking on through retracted ones, level by level. */
async function standingCorrection(db: Pick<Database, 'select'>, record: { id: string; author: string }) {
  const seen = new Set([record.id]);
  let frontier = [record.id];
  for (let level = 0; level < MAX_CHAIN_LEVELS && frontier.length > 0; level++) {
    const corrections = await db
      .select({
        id: records.id,
        // Written out: drizzle renders a single-table select's columns unqualified (see recordViewColumns).
        retracted: sql<number>`case when ${retractedByItsAuthor('records')} then 1 else 0 end`,
      })
      .from(records)
      .where(and(inArray(records.supersedes, frontier), eq(records.author, record.author)))
      .orderBy(records.seq);
    const standing = corrections.find((correction) => Number(correction.retracted) === 0);
    if (standing) return standing.id;
    frontier = corrections
      .map((correction) => correction.id)
      .filter((id) => !seen.has(id))
      .slice(0, MAX_LEVEL_WIDTH);
    for (const id of frontier) seen.add(id);
  }
  return null;
}

/**
 * Rows with the standing correction of each record whose own correction was retracted: R <- C1 (retracted)
 * <- C2 makes C2 replace R, as the SDK's reconcile counts it. Only those few records walk their chain.
 */
export async function withStandingCorrections<Row extends RecordViewRow>(
  db: Pick<Database, 'select'>,
  rows: Row[],
): Promise<Row[]> {
  return Promise.all(
    rows.map(async (row) =>
      // A retracted record reads as retracted whatever replaced it: no walk.
      row.supersededBy === null && row.retractedCorrection !== null && row.retractedBy === null
        ? { ...row, supersededBy: await standingCorrection(db, row) }
        : row,
    ),
  );
}

export type RecordViewRow = {
  retractedCorrection: string | null;
  id: string;
  seq: number;
  author: string;
  jws: string;
  receivedFrom: string;
  receivedAt: string;
  supersededBy: string | null;
  retractedBy: string | null;
};

export function toRecordView(row: RecordViewRow): RecordView {
  return {
    id: row.id,
    seq: Number(row.seq),
    author: row.author,
    jws: row.jws,
    record: signedPayload(row.jws),
    status: row.retractedBy ? 'retracted' : row.supersededBy ? 'superseded' : 'current',
    ...(row.supersededBy ? { supersededBy: row.supersededBy } : {}),
    ...(row.retractedBy ? { retractedBy: row.retractedBy } : {}),
    receivedFrom: row.receivedFrom,
    receivedAt: new Date(row.receivedAt).toISOString(),
  };
}

/**
 * The payload of a stored JWS (verified at ingest). Read from the signed bytes rather than the `jsonb` copy,
 * which exists for querying: it keeps the signed form and halves what a page of records transfers.
 */
function signedPayload(jws: string): SignedRecord {
  const payload = jws.slice(jws.indexOf('.') + 1, jws.lastIndexOf('.'));
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignedRecord;
}
