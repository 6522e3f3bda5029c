import { eq } from 'drizzle-orm';
import type { RecordView } from '../../schemas/api/observations.js';
import { verifyRecord } from '../../sdk/record/index.js';
import type { NodeContext } from '../context.js';
import { records } from '../db/schema.js';
import { notFound } from '../http/problem.js';
import { pinnedKeys } from '../keys/pinned-keys.js';
import { recordViewColumns, toRecordView } from './view.js';

/** A record with its lifecycle marks, or a 404 problem. */
export async function readRecord(ctx: NodeContext, id: string): Promise<RecordView> {
  const [row] = await ctx.db.select(recordViewColumns).from(records).where(eq(records.id, id));
  if (!row) throw notFound('record', `no record ${id} on this node`);
  return toRecordView(row);
}

/** Like readRecord, re-verifying the signature against the keys pinned now. */
export async function readVerifiedRecord(ctx: NodeContext, id: string): Promise<RecordView> {
  const view = await readRecord(ctx, id);
  const verification = verifyRecord(
    view.jws,
    (await pinnedKeys(ctx.db, ctx.member, { role: 'record', includeRevoked: true })).resolve,
  );
  return { ...view, verified: verification.ok && verification.id === view.id };
}
