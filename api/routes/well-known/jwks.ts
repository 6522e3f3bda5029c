import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../../context.js';
import { nodeKeys } from '../../db/schema.js';

/**
 * GET /.well-known/jwks.json: every public key of this node, current and retired, so records signed with
 * an old key still verify. Which role a key serves is said by /.well-known/sightline.
 */
export default function jwks(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/.well-known/jwks.json', async (c) => {
    const rows = await ctx.db.select().from(nodeKeys).orderBy(nodeKeys.createdAt, nodeKeys.kid);
    return c.json({ keys: rows.map((row) => row.publicJwk) }, 200, { 'cache-control': 'public, max-age=60' });
  });
}
