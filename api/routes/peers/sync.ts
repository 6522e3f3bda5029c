import { eq } from 'drizzle-orm';
import type { Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
import type { NodeContext, NodeEnv } from '../../context.js';
import { members } from '../../db/schema.js';
import { peerStatuses } from '../../fed/peer-status.js';
import { pullPeer } from '../../fed/sync/pull-peer.js';
import { syncErrorMessage } from '../../fed/sync/sync-error-message.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { memberParam } from '../../http/params.js';
import { notFound } from '../../http/problem.js';

/**
 * POST /v1/peers/{member}/sync (or /v1/sync for every peer): one pull pass now. The answer is NDJSON:
 * one progress line per page as it is committed, then a summary line.
 */
export default function syncPeers(app: Hono<NodeEnv>, ctx: NodeContext) {
  const run = (c: Context<NodeEnv>, members: string[]) =>
    stream(c, async (out) => {
      for (const member of members) {
        if (ctx.stopping?.aborted) break;
        try {
          await pullPeer(
            ctx,
            member,
            (progress) => void out.write(`${JSON.stringify({ type: 'page', ...progress })}\n`),
          );
          await out.write(`${JSON.stringify({ type: 'done', member })}\n`);
        } catch (error) {
          ctx.logger.warn({ peer: member, error: (error as Error).message }, 'sync failed');
          await out.write(`${JSON.stringify({ type: 'error', member, error: syncErrorMessage(error) })}\n`);
        }
      }
    });
  app.post('/v1/peers/:member/sync', apiTokenAuth({ ctx, role: 'admin' }), async (c) => {
    const member = memberParam(c);
    const [peer] = await ctx.db.select({ url: members.url }).from(members).where(eq(members.id, member));
    if (!peer?.url) throw notFound('peer', `${member} is not a peer with a URL`);
    c.header('content-type', 'application/x-ndjson');
    return run(c, [member]);
  });
  app.post('/v1/sync', apiTokenAuth({ ctx, role: 'admin' }), async (c) => {
    const peers = (await peerStatuses(ctx)).filter((p) => p.url && !p.forked).map((p) => p.id);
    c.header('content-type', 'application/x-ndjson');
    return run(c, peers);
  });
}
