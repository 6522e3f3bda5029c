import { eq } from 'drizzle-orm';
import type { Hono } from 'hono';
import { createPeerClient } from '../../../sdk/client/peer-client.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { forkEvidence, members, peerCheckpoints } from '../../db/schema.js';
import { PeerForkedError, PeerInconsistentError, witnessPeer } from '../../fed/witness.js';
import { apiTokenAuth } from '../../http/middleware/api-token-auth.js';
import { memberParam } from '../../http/params.js';
import { notFound } from '../../http/problem.js';
import { currentKey } from '../../node/keys.js';

/** POST /v1/peers/{member}/audit: check the peer's current checkpoint against everything witnessed of it. */
export default function auditPeer(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.post('/v1/peers/:member/audit', apiTokenAuth({ ctx, role: 'admin' }), async (c) => {
    const member = memberParam(c);
    const [peer] = await ctx.db.select().from(members).where(eq(members.id, member));
    if (!peer?.url) throw notFound('peer', `${member} is not a peer with a URL`);
    const witnessed = await ctx.db
      .select({ size: peerCheckpoints.size })
      .from(peerCheckpoints)
      .where(eq(peerCheckpoints.member, member));
    let verdict: string;
    let detail = '';
    if (peer.forkedAt) verdict = 'forked';
    else {
      try {
        const client = createPeerClient({
          baseUrl: peer.url,
          issuer: ctx.member,
          audience: member,
          key: await currentKey(ctx, 'peer'),
        });
        ({ verdict } = await witnessPeer(ctx, member, client));
      } catch (error) {
        verdict =
          error instanceof PeerForkedError
            ? 'forked'
            : error instanceof PeerInconsistentError
              ? 'inconsistent'
              : 'unreachable';
        detail = (error as Error).message;
      }
    }
    const evidence = await ctx.db
      .select({ id: forkEvidence.id })
      .from(forkEvidence)
      .where(eq(forkEvidence.member, member));
    return c.json({
      member,
      verdict,
      detail,
      checkpointsWitnessed: witnessed.length,
      largestWitnessedSize: Math.max(0, ...witnessed.map((w) => w.size)),
      evidence: evidence.length,
    });
  });
}
