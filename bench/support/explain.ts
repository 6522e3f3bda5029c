import { and, desc, lt, sql } from 'drizzle-orm';
import type { Database } from '../../api/db/database.js';
import { records } from '../../api/db/schema.js';
import { filterConditions } from '../../api/records/list.js';
import { recordViewColumns } from '../../api/records/view.js';
import type { ListObservationsQuery } from '../../schemas/api/observations.js';

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statement listRecords runs for `query`. Rebuilt here from the same
 * filterConditions and view columns, because listRecords does not expose its statement; keep the two in step.
 */
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
  const conditions = filterConditions(query);
  if (query.cursor) conditions.push(lt(records.seq, cursorSeq(query.cursor)));
  const statement = db
    .select(recordViewColumns)
    .from(records)
    .where(and(...conditions))
    .orderBy(desc(records.seq))
    .limit(query.limit + 1);
  const result = (await db.execute(sql`explain (analyze, buffers) ${statement.getSQL()}`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
    string,
    string
  >[];
  return rows.map((row) => String(Object.values(row)[0]));
}

function cursorSeq(cursor: string): number {
  return (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { before: number }).before;
}
