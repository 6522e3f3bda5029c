import { sql } from 'drizzle-orm';
import type { Database } from '../../api/db/database.js';
import { listStatement } from '../../api/records/list.js';
import type { ListObservationsQuery } from '../../schemas/api/observations.js';

/** EXPLAIN (ANALYZE, BUFFERS) of the statement listRecords runs for `query`. */
export async function explainList(db: Database, query: ListObservationsQuery): Promise<string> {
  const plan = await explainRows(db, query);
  return plan.join('\n');
}

/** Server-side execution time of listRecords' statement for `query` (EXPLAIN ANALYZE), in milliseconds. */
export async function executionMs(db: Database, query: ListObservationsQuery): Promise<number> {
  const plan = await explainRows(db, query);
  const line = plan.find((row) => row.startsWith('Execution Time:')) ?? '';
  return Number(/([\d.]+) ms/.exec(line)?.[1] ?? Number.NaN);
}

async function explainRows(db: Database, query: ListObservationsQuery): Promise<string[]> {
  const statement = listStatement(db, query);
  const result = (await db.execute(sql`explain (analyze, buffers) ${statement.getSQL()}`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
    string,
    string
  >[];
  return rows.map((row) => String(Object.values(row)[0]));
}
