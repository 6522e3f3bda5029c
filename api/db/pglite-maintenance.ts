import { sql } from 'drizzle-orm';
import type { NodeContext } from '../context.js';

export interface PgliteMaintenanceOptions {
  /** How often to look at the records table's growth. */
  checkEveryMs?: number;
  /** Log entries (nearly all records) added since the last run that call for another: at least this many... */
  minNewRecords?: number;
  /** ...and at least this share of the log's size at the last run. */
  growthShare?: number;
  /** A run is due after this long anyway, for rows that are pruned rather than added (expired token ids). */
  maxIntervalMs?: number;
}

const DEFAULTS = {
  checkEveryMs: 10 * 60_000,
  minNewRecords: 1_000,
  growthShare: 0.2,
  maxIntervalMs: 6 * 60 * 60_000,
} satisfies Required<PgliteMaintenanceOptions>;

/**
 * Embedded PGlite has no autovacuum. Without VACUUM the visibility map stays empty, so the planner never takes
 * the index-only scans list pages are built on, and pruned rows are never reclaimed; without ANALYZE it plans
 * without statistics. This does what autovacuum would, on the same kind of trigger: `VACUUM (ANALYZE)` once
 * the records table has grown by a fifth, and by at least 1,000 records, since the last run.
 */
export class PgliteMaintenance {
  readonly #ctx: NodeContext;
  readonly #options: Required<PgliteMaintenanceOptions>;
  #logSizeAtLastRun = 0;
  #lastRunAt = Date.now();

  constructor(ctx: NodeContext, options: PgliteMaintenanceOptions = {}) {
    this.#ctx = ctx;
    this.#options = { ...DEFAULTS, ...options };
  }

  /** Runs VACUUM (ANALYZE) when it is due; true when it ran. */
  async runIfDue(now = Date.now()): Promise<boolean> {
    const size = await this.#logSize();
    const grown = size - this.#logSizeAtLastRun;
    const { minNewRecords, growthShare, maxIntervalMs } = this.#options;
    const dueByGrowth = grown >= minNewRecords && grown >= growthShare * this.#logSizeAtLastRun;
    if (!dueByGrowth && now - this.#lastRunAt < maxIntervalMs) return false;
    const started = performance.now();
    await this.#ctx.db.execute(sql`vacuum (analyze)`);
    this.#logSizeAtLastRun = size;
    this.#lastRunAt = now;
    this.#ctx.logger.info(
      { logSize: size, ms: Math.round(performance.now() - started) },
      'database maintenance: vacuum and analyze',
    );
    return true;
  }

  async #logSize(): Promise<number> {
    // seq is a record's leaf index in this node's log (unique index): its maximum tracks growth without a scan.
    const result = await this.#ctx.db.execute<{ next: number | string }>(
      sql`select coalesce(max(seq) + 1, 0) as next from records`,
    );
    return Number((result as unknown as { rows: { next: number | string }[] }).rows[0]?.next ?? 0);
  }
}

/** Checks on an interval whether PGlite maintenance is due; a no-op on PostgreSQL, whose autovacuum does it. */
export function startPgliteMaintenance(
  ctx: NodeContext,
  options: PgliteMaintenanceOptions = {},
): { stop(): Promise<void> } {
  if (ctx.databaseKind !== 'pglite') return { stop: async () => {} };
  const maintenance = new PgliteMaintenance(ctx, options);
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => maintenance.runIfDue())
      .catch((error: Error) => ctx.logger.warn({ error: error.message }, 'database maintenance failed'));
  }, options.checkEveryMs ?? DEFAULTS.checkEveryMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
