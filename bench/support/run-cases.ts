import type { Database } from '../../api/db/database.js';
import { listRecords } from '../../api/records/list.js';
import { executionMs } from './explain.js';
import type { QueryCase } from './query-cases.js';
import { percentile } from './timing.js';

export interface CaseTiming {
  name: string;
  p50: number;
  p95: number;
  max: number;
  /** Median server-side execution time over the variants (EXPLAIN ANALYZE): the database's share. */
  dbP50: number;
  /** Mean items per page: a filter timed on empty pages would measure nothing. */
  meanItems: number;
  /** The variant of the slowest run, for EXPLAIN. */
  slowest: QueryCase['queries'][number];
}

/**
 * Times listRecords for each case: `warmup` untimed runs, then `runs` timed ones cycling through its variants;
 * then the server-side execution time of each variant.
 */
export async function timeCases(
  db: Database,
  cases: readonly QueryCase[],
  runs: number,
  warmup: number,
): Promise<CaseTiming[]> {
  const timings: CaseTiming[] = [];
  for (const { name, queries } of cases) {
    for (let i = 0; i < warmup; i++)
      await listRecords(db, queries[i % queries.length] as QueryCase['queries'][number]);
    const ms: number[] = [];
    let items = 0;
    let slowest = { ms: -1, query: queries[0] as QueryCase['queries'][number] };
    for (let i = 0; i < runs; i++) {
      const query = queries[i % queries.length] as QueryCase['queries'][number];
      const start = performance.now();
      const page = await listRecords(db, query);
      const took = performance.now() - start;
      ms.push(took);
      items += page.items.length;
      if (took > slowest.ms) slowest = { ms: took, query };
    }
    const dbMs: number[] = [];
    for (const query of queries) dbMs.push(await executionMs(db, query));
    timings.push({
      name,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      max: Math.max(...ms),
      dbP50: percentile(dbMs, 50),
      meanItems: items / runs,
      slowest: slowest.query,
    });
  }
  return timings;
}
