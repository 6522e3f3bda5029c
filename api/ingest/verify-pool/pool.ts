import type { Worker } from 'node:worker_threads';
import { SightlineError } from '../../../sdk/errors.js';
import { type RecordVerification, verifyRecord } from '../../../sdk/record/index.js';
import { KeySetCache, keyListFingerprint, type PinnedRecordKey } from './key-sets.js';
import { fromWire } from './messages.js';
import { WorkerSlot } from './worker-slot.js';

/** Pool settings, already checked and defaulted by createVerifyPool. */
export interface PoolSettings {
  /** Worker threads; 0 verifies everything inline. */
  size: number;
  /** Batches with fewer records verify on the calling thread. */
  inlineBelow: number;
}

/** What the pool has done so far, to see it at work (tests, metrics). */
export interface VerifyPoolStats {
  size: number;
  inlineBatches: number;
  workerBatches: number;
  /** Chunks answered, by the worker threadId that reported verifying them. */
  chunksByThread: Record<number, number>;
}

export interface VerifyPool {
  verify(jwsList: readonly string[], keys: readonly PinnedRecordKey[]): Promise<RecordVerification[]>;
  stats(): VerifyPoolStats;
  close(): Promise<void>;
}

interface Batch {
  jwsList: readonly string[];
  results: RecordVerification[];
  remaining: number;
  settled: boolean;
  resolve: (results: RecordVerification[]) => void;
  reject: (error: Error) => void;
}

interface Chunk {
  batch: Batch;
  start: number;
  end: number;
  fingerprint: string;
  keys: readonly PinnedRecordKey[];
}

// A few chunks per worker balance uneven chunks; 32..256 records keep per-message cost below 1%.
const CHUNKS_PER_WORKER = 4;
const MIN_CHUNK = 32;
const MAX_CHUNK = 256;

/** The pool itself, with the worker factory injected (tests substitute one whose workers they can kill). */
export function createPoolWith(spawn: () => Worker, settings: PoolSettings): VerifyPool {
  const slots = Array.from({ length: settings.size }, () => new WorkerSlot(spawn));
  const keySets = new KeySetCache();
  const queue: Chunk[] = [];
  const stats: VerifyPoolStats = {
    size: settings.size,
    inlineBatches: 0,
    workerBatches: 0,
    chunksByThread: {},
  };
  let nextRequestId = 0;
  let closed = false;

  function pump(): void {
    for (const slot of slots) {
      if (slot.busy) continue;
      const chunk = nextChunk();
      if (!chunk) return;
      const { batch, start, end, fingerprint, keys } = chunk;
      slot
        .run({ id: nextRequestId++, fingerprint, keys, jwsList: batch.jwsList.slice(start, end) })
        .then(
          ({ threadId, results }) => {
            stats.chunksByThread[threadId] = (stats.chunksByThread[threadId] ?? 0) + 1;
            if (batch.settled) return;
            if (results.length !== end - start) {
              return fail(batch, new SightlineError('verify_worker_failed', 'verify worker lost records'));
            }
            results.forEach((result, i) => {
              batch.results[start + i] = fromWire(result, batch.jwsList[start + i] as string);
            });
            batch.remaining -= results.length;
            if (batch.remaining === 0) {
              batch.settled = true;
              batch.resolve(batch.results);
            }
          },
          (error: Error) => fail(batch, error),
        )
        .finally(pump);
    }
  }

  function nextChunk(): Chunk | undefined {
    let chunk = queue.shift();
    while (chunk?.batch.settled) chunk = queue.shift();
    return chunk;
  }

  function fail(batch: Batch, error: Error): void {
    if (batch.settled) return;
    batch.settled = true;
    batch.reject(error);
  }

  return {
    async verify(jwsList, keys) {
      if (closed) throw new SightlineError('verify_pool_closed', 'verify pool is closed');
      const fingerprint = keyListFingerprint(keys);
      // Built here even for worker batches, so bad keys fail the same way (SightlineError) on every path.
      const { resolve } = keySets.get(fingerprint, keys);
      if (slots.length === 0 || jwsList.length < settings.inlineBelow) {
        stats.inlineBatches++;
        return jwsList.map((jws) => verifyRecord(jws, resolve));
      }
      stats.workerBatches++;
      return new Promise<RecordVerification[]>((resolveBatch, rejectBatch) => {
        const batch: Batch = {
          jwsList,
          results: new Array(jwsList.length),
          remaining: jwsList.length,
          settled: false,
          resolve: resolveBatch,
          reject: rejectBatch,
        };
        const size = chunkSize(jwsList.length, slots.length);
        for (let start = 0; start < jwsList.length; start += size) {
          queue.push({ batch, start, end: Math.min(start + size, jwsList.length), fingerprint, keys });
        }
        pump();
      });
    },

    stats: () => structuredClone(stats),

    async close() {
      closed = true;
      for (const chunk of queue.splice(0)) {
        fail(
          chunk.batch,
          new SightlineError('verify_pool_closed', 'verify pool was closed before the batch ran'),
        );
      }
      await Promise.all(slots.map((slot) => slot.terminate()));
    },
  };
}

function chunkSize(records: number, workers: number): number {
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, Math.ceil(records / (workers * CHUNKS_PER_WORKER))));
}
