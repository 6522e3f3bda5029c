import { sql } from 'drizzle-orm';
import type { RecordView } from '../../schemas/api/observations.js';
import type { SignedRecord } from '../../schemas/record.js';
import { records } from '../db/schema.js';

/** Columns of a record view; supersede and retract marks are looked up, never stored twice. */
export const recordViewColumns = {
  id: records.id,
  seq: records.seq,
  author: records.author,
  jws: records.jws,
  record: records.record,
  receivedFrom: records.receivedFrom,
  receivedAt: records.receivedAt,
  supersededBy: sql<
    string | null
  >`(select s.id from records s where s.supersedes = ${records.id} and s.author = ${records.author} order by s.seq limit 1)`,
  retractedBy: sql<
    string | null
  >`(select r.id from records r where r.retracts = ${records.id} and r.author = ${records.author} order by r.seq limit 1)`,
};

export type RecordViewRow = {
  id: string;
  seq: number;
  author: string;
  jws: string;
  record: unknown;
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
    record: row.record as SignedRecord,
    status: row.retractedBy ? 'retracted' : row.supersededBy ? 'superseded' : 'current',
    ...(row.supersededBy ? { supersededBy: row.supersededBy } : {}),
    ...(row.retractedBy ? { retractedBy: row.retractedBy } : {}),
    receivedFrom: row.receivedFrom,
    receivedAt: new Date(row.receivedAt).toISOString(),
  };
}
