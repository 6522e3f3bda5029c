import { eq } from 'drizzle-orm';
import type { RecordView } from '../../schemas/api/observations.js';
import type { NodeContext } from '../context.js';
import { records } from '../db/schema.js';
import { notFound } from '../http/problem.js';
import { pinnedKeys } from '../keys/pinned-keys.js';
import { verifyHeldRecords } from './verify-held.js';
import { recordViewColumns, toRecordView, withStandingCorrections } from './view.js';

/** A record with its lifecycle marks, or a 404 problem. */
export async function readRecord(ctx: NodeContext, id: string): Promise<RecordView> {
  const [row] = await ctx.db.select(recordViewColumns).from(records).where(eq(records.id, id));
  if (!row) throw notFound('record', `no record ${id} on this node`);
  const [withCorrection] = await withStandingCorrections(ctx.db, [row]);
  return toRecordView(withCorrection ?? row);
}

/**
 * Like readRecord, re-verifying the signature against the keys pinned now: `verified` is false for a record
 * signed with a key revoked from a time at or before the record was first logged (verifyHeldRecords).
 *
 * @example
 * const view = await readVerifiedRecord(ctx, id);
 * if (!view.verified) logger.warn({ id }, 'record no longer verifies');
 */
export async function readVerifiedRecord(ctx: NodeContext, id: string): Promise<RecordView> {
  const view = await readRecord(ctx, id);
  const keys = await pinnedKeys(ctx.db, ctx.member, { role: 'record', includeRevoked: true });
  const [verification] = await verifyHeldRecords(ctx, [view.jws], keys);
  return { ...view, verified: verification?.ok === true && verification.id === view.id };
}
