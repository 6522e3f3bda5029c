import type { RecordFailure, RecordVerification, VerifiedRecord } from '../../../sdk/record/index.js';
import { decodeRecordJws } from '../../../sdk/record/index.js';
import { computeRecordFacts, type RecordFacts, rememberRecordFacts } from '../record-facts.js';
import type { PinnedRecordKey } from './key-sets.js';

/** Main thread -> worker: verify one chunk of a batch. */
export interface ChunkRequest {
  id: number;
  fingerprint: string;
  keys: readonly PinnedRecordKey[];
  jwsList: readonly string[];
}

/**
 * A verification as it crosses back: no `jws` (the main thread holds the input strings) and no record, but
 * the record's facts, which is all ingest needs of it. Rebuilding nested records on the main thread
 * (structured clone, or JSON.parse) cost more there than the database insert they were for.
 */
export type WireVerification =
  | (Omit<VerifiedRecord, 'jws' | 'record'> & { facts: RecordFacts })
  | Omit<RecordFailure, 'jws'>;

/** Worker -> main thread: the chunk's results in order, or why the whole chunk failed. */
export type ChunkReply =
  | { id: number; threadId: number; results: WireVerification[] }
  | { id: number; threadId: number; error: { code?: string; message: string } };

export function toWire(verification: RecordVerification): WireVerification {
  if (!verification.ok) {
    const { jws: _jws, ...failure } = verification;
    return failure;
  }
  const { jws: _jws, record: _record, ...verified } = verification;
  return { ...verified, facts: computeRecordFacts(verification) };
}

/**
 * Rebuilds the verification verifyRecord returned in the worker. `record` is decoded from the JWS on first
 * read: the worker validated exactly that payload, and the schema has no transforms, so it is the same value.
 */
export function fromWire(wire: WireVerification, jws: string): RecordVerification {
  if (!wire.ok) return { ...wire, jws };
  const { facts, ...fields } = wire;
  const verified = { ...fields, jws } as VerifiedRecord;
  Object.defineProperty(verified, 'record', {
    enumerable: true,
    configurable: true,
    get() {
      const record = decodeRecordJws(jws)?.value as VerifiedRecord['record'];
      Object.defineProperty(verified, 'record', { value: record, enumerable: true, writable: true });
      return record;
    },
  });
  rememberRecordFacts(verified, facts);
  return verified;
}
