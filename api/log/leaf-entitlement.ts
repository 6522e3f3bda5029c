import { eq } from 'drizzle-orm';
import type { Tlp } from '../../schemas/observation/tlp.js';
import { sharingRefusal } from '../../sdk/peer/index.js';
import type { NodeContext } from '../context.js';
import { records } from '../db/schema.js';
import { retractedTarget, retractedTargetLabels, retractedTargetMayGo } from '../fed/retraction-target.js';
import type { StoredLeaf } from './leaves.js';

/**
 * May `peer` see this leaf's bytes? A record leaf names the record, its author and when it arrived, so a peer
 * gets it only for a record it may receive (or wrote itself), as the feed decides (a retraction no further
 * than its target); key events are public.
 */
export async function peerMaySeeLeaf(ctx: NodeContext, peer: string, leaf: StoredLeaf): Promise<boolean> {
  const { type, id } = JSON.parse(leaf.leaf) as { type?: string; id?: string };
  if (type !== 'record') return true;
  if (!id) return false;
  const [row] = await ctx.db
    .select({
      author: records.author,
      tlp: records.tlp,
      recipients: records.recipients,
      ...retractedTargetLabels,
    })
    .from(records)
    .leftJoin(retractedTarget, eq(retractedTarget.id, records.retracts))
    .where(eq(records.id, id));
  if (!row) return false;
  const record = { author: row.author, tlp: row.tlp as Tlp, recipients: row.recipients };
  return (
    sharingRefusal({ record, holder: ctx.member, recipient: peer }) === undefined &&
    retractedTargetMayGo(row, ctx.member, peer)
  );
}
