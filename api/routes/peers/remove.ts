import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../../context.js';
import { removeMember } from '../../fed/registry.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { memberParam } from '../../http/params.js';
import { notFound } from '../../http/problem.js';

/** DELETE /v1/peers/{member}: unpins a member. Records already taken stay. */
export default function removePeer(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.delete('/v1/peers/:member', apiTokenAuth({ ctx, role: 'admin' }), async (c) => {
    const member = memberParam(c);
    if (!(await removeMember(ctx, member))) throw notFound('peer', `${member} is not in the registry`);
    return c.body(null, 204);
  });
}
