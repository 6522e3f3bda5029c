import { isNotNull } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../../context.js';
import { memberKeys, nodeKeys } from '../../db/schema.js';
import { servedAnnouncements } from '../../fed/served-announcements.js';

/**
 * GET /fed/v1/keys: the public keys this node holds, its own and its members'. Public by design: a key is
 * trusted only where its thumbprint is pinned, or where a pinned key signed its announcement, so a relay
 * can hand over an author's keys and key events safely.
 */
export default function relayedKeys(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/fed/v1/keys', async (c) => {
    const own = await ctx.db.select({ jwk: nodeKeys.publicJwk }).from(nodeKeys);
    const theirs = await ctx.db
      .select({ jwk: memberKeys.jwk })
      .from(memberKeys)
      .where(isNotNull(memberKeys.jwk));
    return c.json({
      keys: [...own, ...theirs].map((row) => row.jwk),
      announcements: await servedAnnouncements(ctx.db),
    });
  });
}
