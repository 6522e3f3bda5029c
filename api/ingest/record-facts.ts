import type { VerifiedRecord } from '../../sdk/record/index.js';
import { type QueryColumns, queryColumns } from '../records/query-columns.js';

/** What ingest needs of a verified record beyond its id, author and kid. */
export interface RecordFacts {
  columns: QueryColumns;
  /** PostgreSQL text cannot hold U+0000 (JCS writes it as \u0000), so such a record cannot be stored. */
  containsNul: boolean;
}

const computedInWorker = new WeakMap<VerifiedRecord, RecordFacts>();

/**
 * The facts of a verified record, computed where it was verified: a verify worker hands them over with the
 * result (see verify-pool/messages.ts), so the main thread never walks the record itself.
 */
export function recordFacts(verified: VerifiedRecord): RecordFacts {
  return computedInWorker.get(verified) ?? computeRecordFacts(verified);
}

export function computeRecordFacts(verified: VerifiedRecord): RecordFacts {
  const payload = verified.jws.slice(verified.jws.indexOf('.') + 1, verified.jws.lastIndexOf('.'));
  return {
    columns: queryColumns(verified.record),
    containsNul: Buffer.from(payload, 'base64url').toString('utf8').includes('\\u0000'),
  };
}

/** Remembers facts that came from a verify worker, for recordFacts. */
export function rememberRecordFacts(verified: VerifiedRecord, facts: RecordFacts): void {
  computedInWorker.set(verified, facts);
}
