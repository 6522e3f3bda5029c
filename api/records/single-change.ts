import { and, eq, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { records } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';

/**
 * Runs in the ingest transaction after a supersede or retraction is inserted: `target` must now have exactly
 * one change by `author` (a correction that was itself retracted does not count). The insert holds the log head lock, so of two concurrent changes the later one
 * sees the earlier, committed one here and rolls back with 409, as the check before signing would have.
 */
export async function assertSingleChange(tx: Tx, author: string, target: string): Promise<void> {
  const changes = await tx
    .select({ id: records.id, retracts: records.retracts })
    .from(records)
    .where(
      and(
        eq(records.author, author),
        or(eq(records.supersedes, target), eq(records.retracts, target)),
        // A correction since retracted no longer counts: the record it corrected may be changed again.
        sql`not exists (select 1 from records x where x.retracts = records.id and x.author = records.author)`,
      ),
    )
    .orderBy(records.seq);
  const [first] = changes;
  if (!first || changes.length === 1) return;
  const status = first.retracts ? 'retracted' : 'superseded';
  throw new ProblemError(
    409,
    `already_${status}`,
    `the record is already ${status}`,
    `by record ${first.id}`,
  );
}
