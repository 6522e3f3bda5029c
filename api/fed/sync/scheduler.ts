import { and, isNotNull, isNull } from 'drizzle-orm';
import type { NodeContext } from '../../context.js';
import { members } from '../../db/schema.js';
import { pullPeer } from './pull-peer.js';

export interface SyncSchedulerOptions {
  intervalMs: number;
  /** Ceiling of the backoff after repeated failures. */
  maxBackoffMs?: number;
}

/**
 * Pulls every peer with a URL, concurrently, every `intervalMs`. A failing peer backs off exponentially
 * with jitter, so a dead peer neither stalls the others nor is hammered.
 */
export function startSyncScheduler(
  ctx: NodeContext,
  options: SyncSchedulerOptions,
): { stop(): Promise<void> } {
  const maxBackoff = options.maxBackoffMs ?? 5 * 60_000;
  const failures = new Map<string, number>();
  const nextAttempt = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function tick(): Promise<void> {
    const peers = await ctx.db
      .select({ id: members.id })
      .from(members)
      .where(and(isNotNull(members.url), isNull(members.forkedAt)));
    const due = peers.filter((p) => (nextAttempt.get(p.id) ?? 0) <= Date.now());
    await Promise.all(
      due.map(async ({ id }) => {
        try {
          await pullPeer(ctx, id);
          failures.delete(id);
          nextAttempt.delete(id);
        } catch (error) {
          const n = (failures.get(id) ?? 0) + 1;
          failures.set(id, n);
          const backoff = Math.min(maxBackoff, options.intervalMs * 2 ** n) * (0.5 + Math.random());
          nextAttempt.set(id, Date.now() + backoff);
          ctx.logger.warn(
            { peer: id, failures: n, retryInMs: Math.round(backoff), error: (error as Error).message },
            'sync failed',
          );
        }
      }),
    );
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: Error) => ctx.logger.error({ error: error.message }, 'sync pass failed'))
        .finally(schedule);
    }, options.intervalMs);
  }

  running = tick()
    .catch((error: Error) => ctx.logger.error({ error: error.message }, 'sync pass failed'))
    .finally(schedule);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
