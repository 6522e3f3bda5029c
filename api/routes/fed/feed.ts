import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Hono } from 'hono';
import { feedQuerySchema } from '../../../schemas/api/federation.js';
import { encodeBase64 } from '../../../sdk/keys/index.js';
import { mayDeliver } from '../../../sdk/peer/index.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { logHead, records } from '../../db/schema.js';
import { peerAuth } from '../../fed/peer-auth.js';
import { retractedTarget, retractedTargetLabels, retractedTargetMayGo } from '../../fed/retraction-target.js';
import { queryObject } from '../../http/params.js';
import { ProblemError } from '../../http/problem.js';
import { parseQueryOrProblem } from '../../http/validation.js';
import { batchProof } from '../../log/batch-proof.js';

/**
 * GET /fed/v1/feed?after=SEQ&limit=N: records the calling member may receive, in log order, with their
 * JWS byte for byte. What a member may not receive is filtered here, by the sender, before serializing.
 */
export default function feed(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/fed/v1/feed', peerAuth({ ctx, operation: 'feed.read' }), async (c) => {
    const { after, limit, size } = parseQueryOrProblem(feedQuerySchema, queryObject(c));
    const peer = c.get('peer');
    const [headRow] = await ctx.db.select({ size: logHead.size }).from(logHead);
    const head = headRow?.size ?? 0;
    if (after >= head && after > -1) {
      throw new ProblemError(
        400,
        'cursor_beyond_head',
        'the cursor is beyond the end of this log',
        `after=${after}, log size ${head}`,
      );
    }
    if (size !== undefined && size > head) {
      throw new ProblemError(
        400,
        'size_beyond_head',
        'the tree size is beyond the end of this log',
        `size=${size}, log size ${head}`,
      );
    }
    // The tree asked for ends before the cursor: a page could only be empty, and an empty page reads as
    // "nothing more", hiding the caller's mixed-up cursor or size.
    if (size !== undefined && after >= size) {
      throw new ProblemError(
        400,
        'cursor_beyond_size',
        'the cursor is at or beyond the end of the tree size asked for',
        `after=${after}, size=${size}`,
      );
    }
    const rows = await ctx.db
      .select({
        seq: records.seq,
        jws: records.jws,
        author: records.author,
        tlp: records.tlp,
        recipients: records.recipients,
        ...retractedTargetLabels,
      })
      .from(records)
      .leftJoin(retractedTarget, eq(retractedTarget.id, records.retracts))
      .where(size === undefined ? gt(records.seq, after) : and(gt(records.seq, after), lt(records.seq, size)))
      .orderBy(asc(records.seq))
      .limit(limit);
    const allowed = rows.filter(
      (row) =>
        mayDeliver({
          record: { author: row.author, tlp: row.tlp as never, recipients: row.recipients },
          holder: ctx.member,
          recipient: peer,
        }) && retractedTargetMayGo(row, ctx.member, peer),
    );
    // A short page read everything up to the tree's end: the cursor goes there too, past trailing key-event
    // leaves (never served), so a puller that is up to date shows no lag.
    const end = (size ?? head) - 1;
    const next =
      rows.length < limit ? Math.max(rows.at(-1)?.seq ?? -1, after, end) : (rows.at(-1)?.seq as number);
    // Stored JWS strings are base64url and dots only: they need no escaping, so the page is assembled, not re-serialized.
    const items = allowed.map((row) => `{"seq":${row.seq},"jws":"${row.jws}"}`).join(',');
    const more = rows.length === limit && (size === undefined || next < size - 1);
    const proof = size !== undefined && allowed.length > 0 ? await proofJson(ctx, allowed, size) : '';
    return c.body(`{"records":[${items}],"next":${next},"more":${more},"head":${head}${proof}}`, 200, {
      'content-type': 'application/json',
    });
  });
}

/** `,"proof":{...}`: the page's leaves and one inclusion proof for all of them in the tree of `size`. */
async function proofJson(ctx: NodeContext, rows: readonly { seq: number }[], size: number): Promise<string> {
  const { leaves, hashes } = await batchProof(
    ctx.db,
    rows.map((row) => row.seq),
    size,
  );
  const proof = {
    treeSize: size,
    leaves: leaves.map((leaf) => encodeBase64(Buffer.from(leaf, 'utf8'))),
    hashes: hashes.map(encodeBase64),
  };
  return `,"proof":${JSON.stringify(proof)}`;
}
