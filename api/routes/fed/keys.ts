import { isNotNull } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../../context.js';
import { keyAnnouncements, memberKeys, nodeKeys } from '../../db/schema.js';
import { firstPerMember, MAX_ANNOUNCEMENTS_PER_MEMBER } from '../../fed/announcement-cap.js';

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
    const announcements = await ctx.db
      .select({ jws: keyAnnouncements.jws })
      .from(keyAnnouncements)
      .orderBy(keyAnnouncements.at, keyAnnouncements.jws);
    return c.json({
      keys: [...own, ...theirs].map((row) => row.jwk),
      // One past the cap shows a member is over it, and keeps one member from growing the list without end.
      announcements: firstPerMember(
        announcements.map((a) => a.jws),
        MAX_ANNOUNCEMENTS_PER_MEMBER + 1,
      ),
    });
  });
}
