import type { NodeContext } from '../../api/context.js';
import { ingestRecords } from '../../api/ingest/ingest.js';
import { createVerifyPool, pinnedRecordKeys } from '../../api/ingest/verify-pool.js';
import { elapsedMsAsync } from './timing.js';

/**
 * Loads signed records through the node's one ingest path (verify, log append, insert) in batches, one
 * transaction per batch, and returns the wall time. Any record not accepted aborts the benchmark.
 * Verification runs wherever `ctx` says: inline, or on workers (see withVerifyPool).
 */
export async function ingestInBatches(
  ctx: NodeContext,
  jwsList: readonly string[],
  batchSize: number,
  onProgress?: (loaded: number) => void,
): Promise<number> {
  return elapsedMsAsync(async () => {
    for (let i = 0; i < jwsList.length; i += batchSize) {
      const outcomes = await ingestRecords(ctx, jwsList.slice(i, i + batchSize), { from: 'self' });
      const refused = outcomes.find((outcome) => outcome.status !== 'accepted');
      if (refused) throw new Error(`batch at record ${i}: ingest answered ${JSON.stringify(refused)}`);
      onProgress?.(Math.min(jwsList.length, i + batchSize));
    }
  });
}

/**
 * Runs `work` with a node whose ingest verifies on `workers` threads, wired as `sightline start` wires them;
 * with 0 workers, `work` gets the node unchanged (inline verification). The pool is closed afterwards.
 */
export async function withVerifyPool<T>(
  ctx: NodeContext,
  workers: number,
  work: (node: NodeContext) => Promise<T>,
): Promise<T> {
  if (workers === 0) return work(ctx);
  const pool = createVerifyPool({ size: workers });
  try {
    return await work({ ...ctx, verifyRecords: (list, keys) => pool.verify(list, pinnedRecordKeys(keys)) });
  } finally {
    await pool.close();
  }
}
