import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../../context.js';
import { currentKeyThumbprints, formerRecordKeyThumbprints } from '../../node/identity-document.js';

/** GET /.well-known/sightline: who this node is and where its API and keys are. */
export default function sightlineDocument(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/.well-known/sightline', async (c) => {
    return c.json({
      id: ctx.member,
      software: { name: 'sightline', version: ctx.version },
      protocol: 'sightline/1',
      api: `${ctx.baseUrl}/v1`,
      federation: `${ctx.baseUrl}/fed/v1`,
      jwks: `${ctx.baseUrl}/.well-known/jwks.json`,
      keys: await currentKeyThumbprints(ctx.db),
      formerKeys: await formerRecordKeyThumbprints(ctx.db),
    });
  });
}
