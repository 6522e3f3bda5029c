import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './database.js';

export interface InsertJsonRowsOptions {
  /** `on conflict do nothing`: rows that would violate a unique constraint are skipped. */
  onConflictDoNothing?: boolean;
}

/**
 * Inserts many rows in one statement whose single parameter is a JSON array, expanded by PostgreSQL's
 * `json_to_recordset`. drizzle's multi-row insert binds and maps every value one by one: at 1,000 records a
 * page that cost a third of the sync's main thread, and this costs one JSON.stringify. Every row must have
 * the keys of the first (absent keys would be stored as null, not as the column default). Uint8Array values
 * of bytea columns are written as hex.
 *
 * @example
 * await insertJsonRows(tx, recordReceipts, receipts, { onConflictDoNothing: true });
 */
export async function insertJsonRows<T extends PgTable>(
  tx: Pick<Tx, 'execute'>,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: InsertJsonRowsOptions = {},
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(first).filter((key) => columns[key] && !columns[key].generated);
  const byteaKeys = keys.filter((key) => columns[key]?.getSQLType() === 'bytea');
  const json = JSON.stringify(byteaKeys.length ? rows.map((row) => withHex(row, byteaKeys)) : rows);
  const target = sql.join(
    keys.map((key) => sql.identifier((columns[key] as PgColumn).name)),
    sql`, `,
  );
  const source = sql.join(
    keys.map((key) => sql.identifier(key)),
    sql`, `,
  );
  const shape = sql.raw(keys.map((key) => `"${key}" ${(columns[key] as PgColumn).getSQLType()}`).join(', '));
  const conflict: SQL = options.onConflictDoNothing ? sql` on conflict do nothing` : sql``;
  await tx.execute(
    sql`insert into ${sql.identifier(getTableName(table))} (${target}) select ${source} from json_to_recordset(${json}::json) as rows(${shape})${conflict}`,
  );
}

function withHex(row: object, keys: readonly string[]): object {
  const copy: Record<string, unknown> = { ...row };
  for (const key of keys) {
    const value = copy[key];
    if (value instanceof Uint8Array) copy[key] = `\\x${Buffer.from(value).toString('hex')}`;
  }
  return copy;
}
