import { inArray } from 'drizzle-orm';
import { type RecordVerification, type VerifiedRecord, verifyRecord } from '../../sdk/record/index.js';
import type { NodeContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { records } from '../db/schema.js';
import { recordKeyResolver } from '../keys/record-keys.js';
import { appendLeaves } from '../log/append.js';
import { queryColumns } from '../records/query-columns.js';
import { checkLifecycle } from './lifecycle.js';
import type { IngestOutcome } from './outcome.js';

export interface IngestSource {
  /** `self` for records this node signed, otherwise the member id of the peer that delivered them. */
  from: string;
  /** Runs inside the same transaction as the insert (e.g. to advance a peer cursor with the batch). */
  alongside?: (tx: Tx) => Promise<void>;
}

/**
 * The one path by which records enter a node: local creation, push and pull alike. Every record is
 * verified against the pinned keys of its author; a batch is stored in one transaction together with
 * its log leaves; a record that fails any check is rejected with its reason and changes nothing.
 */
export async function ingestRecords(
  ctx: NodeContext,
  jwsList: readonly string[],
  source: IngestSource,
): Promise<IngestOutcome[]> {
  const resolve = await recordKeyResolver(ctx.db, ctx.member);
  const verifications = jwsList.map((jws) => verifyRecord(jws, resolve));
  return ctx.db.transaction(async (tx) => storeVerified(tx, verifications, source));
}

async function storeVerified(
  tx: Tx,
  verifications: readonly RecordVerification[],
  source: IngestSource,
): Promise<IngestOutcome[]> {
  // Appending locks the log head; taking it first also serializes the duplicate checks below.
  await appendLeaves(tx, []);
  const verified = verifications.filter((v): v is VerifiedRecord => v.ok);
  const existing = await existingIds(
    tx,
    verified.map((v) => v.id),
  );
  const lifecycle = await checkLifecycle(tx, verified);
  const outcomes = new Map<string, IngestOutcome>();
  const fresh: VerifiedRecord[] = [];
  for (const v of verified) {
    if (outcomes.has(v.id)) continue;
    if (existing.has(v.id)) outcomes.set(v.id, { status: 'duplicate', id: v.id });
    else if (lifecycle.has(v.id)) outcomes.set(v.id, lifecycle.get(v.id) as IngestOutcome);
    else {
      outcomes.set(v.id, { status: 'accepted', id: v.id, seq: -1 });
      fresh.push(v);
    }
  }
  const receivedAt = new Date().toISOString();
  const seqs = await appendLeaves(
    tx,
    fresh.map((v) => ({ type: 'record', id: v.id, author: v.author, from: source.from, at: receivedAt })),
  );
  const rows = fresh.map((v, i) => ({
    id: v.id,
    seq: seqs[i] as number,
    jws: v.jws,
    record: v.record,
    kid: v.kid,
    receivedFrom: source.from,
    receivedAt,
    ...queryColumns(v.record),
  }));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(records).values(rows.slice(i, i + 500));
  for (const row of rows) outcomes.set(row.id, { status: 'accepted', id: row.id, seq: row.seq });
  await source.alongside?.(tx);
  return inputOrder(verifications, outcomes);
}

/** One outcome per offered record; a second copy of a record in the same batch is a duplicate. */
function inputOrder(
  verifications: readonly RecordVerification[],
  outcomes: Map<string, IngestOutcome>,
): IngestOutcome[] {
  const answered = new Set<string>();
  return verifications.map((v) => {
    if (!v.ok) return { status: 'rejected', ...(v.id ? { id: v.id } : {}), code: v.code, reason: v.message };
    const outcome = outcomes.get(v.id) as IngestOutcome;
    if (answered.has(v.id) && outcome.status === 'accepted') return { status: 'duplicate', id: v.id };
    answered.add(v.id);
    return outcome;
  });
}

async function existingIds(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await tx
      .select({ id: records.id })
      .from(records)
      .where(inArray(records.id, ids.slice(i, i + 1000)));
    for (const row of rows) found.add(row.id);
  }
  return found;
}
