import { inArray } from 'drizzle-orm';
import type { VerifiedRecord } from '../../sdk/record/index.js';
import type { Tx } from '../db/database.js';
import { records } from '../db/schema.js';
import type { IngestOutcome } from './outcome.js';
import { recordFacts } from './record-facts.js';

/** The record a supersede or retraction points at, if any. */
export function lifecycleTarget(verified: VerifiedRecord): string | undefined {
  const { columns } = recordFacts(verified);
  return (columns.type === 'retraction' ? columns.retracts : columns.supersedes) ?? undefined;
}

/**
 * Only a record's author may supersede or retract it. A target this node has not seen yet cannot be
 * checked here; reconciliation applies the same rule to whatever arrives later.
 */
export async function checkLifecycle(
  tx: Tx,
  batch: readonly VerifiedRecord[],
): Promise<Map<string, Extract<IngestOutcome, { status: 'rejected' }>>> {
  const targets = [...new Set(batch.map(lifecycleTarget).filter((t): t is string => t !== undefined))];
  const rejected = new Map<string, Extract<IngestOutcome, { status: 'rejected' }>>();
  if (targets.length === 0) return rejected;
  const authors = new Map(batch.map((v) => [v.id, v.author]));
  const stored = await tx
    .select({ id: records.id, author: records.author })
    .from(records)
    .where(inArray(records.id, targets));
  for (const row of stored) authors.set(row.id, row.author);
  for (const verified of batch) {
    const target = lifecycleTarget(verified);
    const targetAuthor = target ? authors.get(target) : undefined;
    if (target === verified.id) {
      rejected.set(verified.id, {
        status: 'rejected',
        id: verified.id,
        code: 'lifecycle_self_reference',
        reason: 'a record cannot supersede or retract itself',
      });
    } else if (targetAuthor !== undefined && targetAuthor !== verified.author) {
      rejected.set(verified.id, {
        status: 'rejected',
        id: verified.id,
        code: 'not_original_author',
        // The author is not named: the sender may not be entitled to know the record, or who wrote it.
        reason: `record ${target} was authored by another member; only its author may supersede or retract it`,
      });
    }
  }
  return rejected;
}
