import { availableParallelism } from 'node:os';
import { createPoolWith, type VerifyPool } from './verify-pool/pool.js';
import { spawnVerifyWorker } from './verify-pool/spawn.js';

export { type PinnedRecordKey, pinnedRecordKeys } from './verify-pool/key-sets.js';
export type { VerifyPool, VerifyPoolStats } from './verify-pool/pool.js';

export interface VerifyPoolOptions {
  /** Worker threads (default: defaultVerifyPoolSize()); 0 verifies every batch on the calling thread. */
  size?: number;
  /** Batches smaller than this verify on the calling thread, where messaging would cost more than it saves. */
  inlineBelow?: number;
}

/** Below this many records a batch is verified inline. */
export const INLINE_BATCH_LIMIT = 32;

/**
 * One worker per core, not cores - 1: ingest awaits a page's verification before its database work, so the
 * calling thread is idle meanwhile and keeps only ~10% of the verification work (posting chunks, assembling
 * results; bench/verify.ts "main busy"). When it is busy with other requests the OS shares the cores among the
 * threads, which costs less than leaving a core idle during every page.
 *
 * @example
 * const pool = createVerifyPool({ size: defaultVerifyPoolSize() }); // same as createVerifyPool()
 */
export function defaultVerifyPoolSize(): number {
  return Math.max(1, availableParallelism());
}

/**
 * A pool of worker threads that verify record JWS batches with sdk `verifyRecord`, results in input order.
 * Workers start on first use and are unreferenced while idle, so an open pool does not keep a CLI alive.
 * A batch whose worker dies rejects with SightlineError `verify_worker_crashed` (no record is ever dropped)
 * and the worker is replaced; bad keys reject with `invalid_key` / `key_conflict` as PinnedKeySet does.
 *
 * @example
 * const pool = createVerifyPool();
 * const results = await pool.verify(page.records, [{ member: 'DE', jwk: deRecordJwk }]);
 * const accepted = results.filter((r) => r.ok);
 * await pool.close();
 */
export function createVerifyPool(options: VerifyPoolOptions = {}): VerifyPool {
  const size = options.size ?? defaultVerifyPoolSize();
  const inlineBelow = options.inlineBelow ?? INLINE_BATCH_LIMIT;
  if (!Number.isInteger(size) || size < 0) throw new RangeError('verify pool size must be an integer >= 0');
  if (!Number.isInteger(inlineBelow) || inlineBelow < 0) {
    throw new RangeError('inlineBelow must be an integer >= 0');
  }
  return createPoolWith(spawnVerifyWorker, { size, inlineBelow });
}
