import { sql } from 'drizzle-orm';
import type { RecordView } from '../../schemas/api/observations.js';
import type { SignedRecord } from '../../schemas/record.js';
import { records } from '../db/schema.js';

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
  // A correction that was itself retracted no longer replaces the record: it is the latest version again,
  // unless a correction of that correction still stands (R <- C1 retracted <- C2: C2 replaces R). So the
  // chain is followed through retracted corrections only, as the SDK's reconcile follows it; the few records
  // that have a correction at all pay for the walk.
  supersededBy: sql<string | null>`(case when exists (
      select 1 from records s where s.supersedes = records.id and s.author = records.author
    ) then (
      with recursive successor(id, seq, retracted) as (
        select s.id, s.seq, exists (select 1 from records x where x.retracts = s.id and x.author = s.author)
        from records s where s.supersedes = records.id and s.author = records.author
        union all
        select s.id, s.seq, exists (select 1 from records x where x.retracts = s.id and x.author = s.author)
        from successor p join records s on s.supersedes = p.id and s.author = records.author
        where p.retracted
      )
      select id from successor where not retracted order by seq limit 1
    ) end)`,
  retractedBy: sql<
    string | null
  >`(select r.id from records r where r.retracts = records.id and r.author = records.author order by r.seq limit 1)`,
};

export type RecordViewRow = {
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
