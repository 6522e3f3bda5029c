import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../context.js';
import { databaseReady } from '../db/open.js';

/** GET /health: liveness, and whether the database answers. 503 when it does not. */
export default function health(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/health', async (c) => {
    const database = await databaseReady(ctx.db);
    return c.json(
      {
        status: database ? 'ok' : 'degraded',
        member: ctx.member,
        database: database ? 'ready' : 'unavailable',
      },
      database ? 200 : 503,
    );
  });
}
