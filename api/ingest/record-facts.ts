import type { VerifiedRecord } from '../../sdk/record/index.js';
import { type QueryColumns, queryColumns } from '../records/query-columns.js';

/** What ingest needs of a verified record beyond its id, author and kid. */
export interface RecordFacts {
  columns: QueryColumns;
  /** PostgreSQL text cannot hold U+0000 (JCS writes it as \u0000), so such a record cannot be stored. */
  containsNul: boolean;
}

const known = new WeakMap<VerifiedRecord, RecordFacts>();

/**
 * The facts of a verified record, computed once: by the verify worker that verified it, which hands them over
 * with the result (see verify-pool/messages.ts) so the main thread never walks the record, or on first ask.
 */
export function recordFacts(verified: VerifiedRecord): RecordFacts {
  let facts = known.get(verified);
  if (!facts) {
    facts = computeRecordFacts(verified);
    known.set(verified, facts);
  }
  return facts;
}

export function computeRecordFacts(verified: VerifiedRecord): RecordFacts {
  const payload = verified.jws.slice(verified.jws.indexOf('.') + 1, verified.jws.lastIndexOf('.'));
  return {
    columns: queryColumns(verified.record),
    containsNul: escapesNul(Buffer.from(payload, 'base64url')),
  };
}

// In canonical JSON, U+0000 is the escape \u0000 after an even number of backslashes (none, or escaped ones);
// after an odd number, the backslash is escaped text and `u0000` plain letters.
const NUL_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u0000/;

function escapesNul(json: Buffer): boolean {
  // The byte search settles nearly every record without decoding it.
  return json.includes('\\u0000') && NUL_ESCAPE.test(json.toString('utf8'));
}

/** Remembers facts that came from a verify worker, for recordFacts. */
export function rememberRecordFacts(verified: VerifiedRecord, facts: RecordFacts): void {
  known.set(verified, facts);
}
