import { inArray, sql } from 'drizzle-orm';
import type { Tlp } from '../../schemas/observation/tlp.js';
import { sharingRefusal } from '../../sdk/peer/index.js';
import type { RecordVerification, VerifiedRecord } from '../../sdk/record/index.js';
import type { NodeContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { insertJsonRows } from '../db/insert-json-rows.js';
import { recordReceipts, records, rejections } from '../db/schema.js';
import { appendLeaves } from '../log/append.js';
import { lockLogHead } from '../log/head.js';
import { checkLifecycle } from './lifecycle.js';
import type { IngestOutcome } from './outcome.js';
import { recordFacts } from './record-facts.js';
import { type FindKeys, verifyBatch } from './verify-batch.js';

/** Rejected records kept per peer for the operator to look into (the count is kept apart, in full). */
export const REJECTIONS_KEPT_PER_PEER = 10_000;

export interface IngestSource {
  /** `self` for records this node signed, otherwise the member id of the peer that delivered them. */
  from: string;
  /** The sender's sequence number of each offered record, when it came from a feed (for provenance). */
  senderSeqs?: readonly number[];
  /** Each offered record's inclusion proof in the sender's log, as verified at sync (for provenance). */
  senderProofs?: readonly SenderProof[];
  /** Runs inside the same transaction as the insert (e.g. to advance a peer cursor with the batch). */
  alongside?: (tx: Tx, outcomes: readonly IngestOutcome[]) => Promise<void>;
  /** Where to look for keys no pinned key matched (see verifyBatch). */
  findKeys?: FindKeys;
  /** A refusal the source knows of for a verified record, checked before the node's own. */
  refuse?: (record: VerifiedRecord) => Rejected | undefined;
}

/** Where a pulled record sits in the sender's log, proven against the checkpoint the page was served under. */
export interface SenderProof {
  treeSize: number;
  /** The leaf bytes, RFC 8785 JSON text. */
  leaf: string;
  hashes: readonly Uint8Array[];
}

export type Rejected = Extract<IngestOutcome, { status: 'rejected' }>;

/**
 * The one path by which records enter a node: local creation, push and pull alike. Every record is
 * verified against the pinned keys of its author (who may not be the sender); a batch is stored in one
 * transaction with its log leaves and receipts; a record that fails any check is rejected with its reason
 * and changes nothing.
 */
export async function ingestRecords(
  ctx: NodeContext,
  jwsList: readonly string[],
  source: IngestSource,
): Promise<IngestOutcome[]> {
  return storeVerifiedBatch(ctx, await verifyBatch(ctx, jwsList, source.findKeys), source);
}

/** The second phase of ingest: stores what verifyBatch checked, in one transaction with its log leaves. */
export function storeVerifiedBatch(
  ctx: NodeContext,
  verifications: readonly RecordVerification[],
  source: IngestSource,
): Promise<IngestOutcome[]> {
  return ctx.db.transaction(async (tx) => storeVerified(ctx, tx, verifications, source));
}

async function storeVerified(
  ctx: NodeContext,
  tx: Tx,
  verifications: readonly RecordVerification[],
  source: IngestSource,
): Promise<IngestOutcome[]> {
  // The log head lock serializes ingest across processes: the duplicate and lifecycle checks below
  // see every record committed before, and none can slip in until this transaction ends.
  await lockLogHead(tx);
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
    const refused = existing.has(v.id)
      ? undefined
      : (lifecycle.get(v.id) ?? source.refuse?.(v) ?? sharingViolation(ctx, v, source) ?? unstorable(v));
    if (existing.has(v.id)) outcomes.set(v.id, { status: 'duplicate', id: v.id });
    else if (refused) outcomes.set(v.id, refused);
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
    kid: v.kid,
    receivedFrom: source.from,
    receivedAt,
    ...recordFacts(v).columns,
  }));
  await insertJsonRows(tx, records, rows);
  for (const row of rows) outcomes.set(row.id, { status: 'accepted', id: row.id, seq: row.seq });
  const results = inputOrder(verifications, outcomes);
  await storeReceipts(tx, verifications, results, source, receivedAt);
  await source.alongside?.(tx, results);
  return results;
}

/** Defense in depth: a peer must not hand us what the sender-side policy forbids it to send. */
function sharingViolation(ctx: NodeContext, v: VerifiedRecord, source: IngestSource): Rejected | undefined {
  if (source.from === 'self') return undefined;
  const { author, tlp, recipients } = recordFacts(v).columns;
  const record = { author, tlp: tlp as Tlp, recipients };
  const reason = sharingRefusal({ record, holder: source.from, recipient: ctx.member });
  if (!reason) return undefined;
  return {
    status: 'rejected',
    id: v.id,
    code: `sharing_violation`,
    reason: `${source.from} may not send this record here (${reason})`,
  };
}

function unstorable(v: VerifiedRecord): Rejected | undefined {
  if (!recordFacts(v).containsNul) return undefined;
  return {
    status: 'rejected',
    id: v.id,
    code: 'invalid_payload',
    reason: 'the record contains a U+0000 character, which cannot be stored',
  };
}

/** Who delivered what (every hop, not only the first), and what was refused, for operators and auditors. */
async function storeReceipts(
  tx: Tx,
  verifications: readonly RecordVerification[],
  results: readonly IngestOutcome[],
  source: IngestSource,
  receivedAt: string,
): Promise<void> {
  const receipts = results.flatMap((r, i) =>
    r.status === 'rejected'
      ? []
      : [
          {
            recordId: r.id,
            from: source.from,
            receivedAt,
            senderSeq: source.senderSeqs?.[i] ?? null,
            senderTreeSize: source.senderProofs?.[i]?.treeSize ?? null,
            senderLeaf: source.senderProofs?.[i]?.leaf ?? null,
            senderProof: source.senderProofs?.[i] ? Buffer.concat(source.senderProofs[i].hashes) : null,
          },
        ],
  );
  await insertJsonRows(tx, recordReceipts, receipts, { onConflictDoNothing: true });
  const refused = results.flatMap((r, i) =>
    r.status === 'rejected' && source.from !== 'self'
      ? [
          {
            from: source.from,
            recordId: r.id ?? verifications[i]?.id ?? null,
            code: r.code,
            reason: r.reason.slice(0, 500),
          },
        ]
      : [],
  );
  if (refused.length) {
    await tx.insert(rejections).values(refused);
    // Rows are for the operator to look into; the count lives in peer_sync. Keep the latest per peer only,
    // so a peer pushing junk cannot grow the table without end.
    await tx.execute(sql`
      delete from ${rejections} where ${rejections.from} = ${source.from} and ${rejections.id} <= (
        select ${rejections.id} from ${rejections} where ${rejections.from} = ${source.from}
        order by ${rejections.id} desc offset ${REJECTIONS_KEPT_PER_PEER} limit 1)`);
  }
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
