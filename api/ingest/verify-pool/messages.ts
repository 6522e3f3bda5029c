import type { RecordVerification } from '../../../sdk/record/index.js';
import type { PinnedRecordKey } from './key-sets.js';

/** Main thread -> worker: verify one chunk of a batch. */
export interface ChunkRequest {
  id: number;
  fingerprint: string;
  keys: readonly PinnedRecordKey[];
  jwsList: readonly string[];
}

/**
 * A verification without its `jws`: the main thread still holds the input strings, so sending them back would
 * only double the bytes cloned.
 */
export type VerificationWithoutJws = DistributiveOmit<RecordVerification, 'jws'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Worker -> main thread: the chunk's results in order, or why the whole chunk failed. */
export type ChunkReply =
  | { id: number; threadId: number; results: VerificationWithoutJws[] }
  | { id: number; threadId: number; error: { code?: string; message: string } };

export function withoutJws(verification: RecordVerification): VerificationWithoutJws {
  const { jws: _jws, ...rest } = verification;
  return rest;
}

export function withJws(result: VerificationWithoutJws, jws: string): RecordVerification {
  return { ...result, jws } as RecordVerification;
}
