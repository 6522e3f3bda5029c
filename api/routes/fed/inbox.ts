import { eq } from 'drizzle-orm';
import type { Hono } from 'hono';
import { inboxRequestSchema } from '../../../schemas/api/federation.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { members } from '../../db/schema.js';
import { refreshedKeysFrom } from '../../fed/member-keys.js';
import { peerAuth } from '../../fed/peer-auth.js';
import { readJsonBody } from '../../http/json-body.js';
import { ingestRecords } from '../../ingest/ingest.js';

/** POST /fed/v1/inbox: a peer delivers records at once; each gets its own answer, never a silent success. */
export default function inbox(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.post('/fed/v1/inbox', peerAuth({ ctx, operation: 'inbox.push' }), async (c) => {
    const { records } = await readJsonBody(c, inboxRequestSchema, 'the inbox batch');
    const from = c.get('peer');
    const results = await ingestRecords(ctx, records, {
      from,
      findKeys: async () => {
        const [peer] = await ctx.db.select({ url: members.url }).from(members).where(eq(members.id, from));
        return peer?.url ? refreshedKeysFrom(ctx, peer.url) : false;
      },
    });
    return c.json({ results });
  });
}
