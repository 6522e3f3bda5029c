import { eq, lt } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import {
  type PeerOperation,
  PeerTokenError,
  pinnedPeerKeyResolver,
  verifyPeerToken,
} from '../../sdk/peer/index.js';
import { isApiTokenForm } from '../auth/api-tokens.js';
import type { NodeContext, NodeEnv } from '../context.js';
import { members, peerTokenUses } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';
import { pinnedKeys } from '../keys/pinned-keys.js';
import { refreshKeysOnDemand } from './on-demand-key-refresh.js';

export interface PeerAuthOptions {
  ctx: NodeContext;
  operation: PeerOperation;
}

/**
 * Requires a peer token (JWT signed by a federation member's pinned peer key) for `operation`, addressed
 * to this node, used once. Sets `peer` to the calling member.
 */
export function peerAuth(options: PeerAuthOptions): MiddlewareHandler<NodeEnv> {
  const { ctx, operation } = options;
  return async function peerAuthMiddleware(c, next) {
    const token = /^Bearer ([!-~]+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    try {
      if (token && isApiTokenForm(token))
        throw new PeerTokenError('token_malformed', 'this route takes a peer token, not an API token');
      const claims = await verifyPeerToken(token, {
        audience: ctx.member,
        operation,
        resolveIssuerKey: await issuerKeys(ctx),
      });
      await spendTokenId(ctx, claims.jti, claims.iss, claims.exp);
      c.set('peer', claims.iss);
    } catch (error) {
      if (!(error instanceof PeerTokenError)) throw error;
      throw new ProblemError(
        error.status,
        error.code,
        'peer authentication failed',
        error.message,
        undefined,
        {
          'www-authenticate': error.wwwAuthenticate,
        },
      );
    }
    await next();
  };
}

/** Resolves issuers' peer keys; an unknown kid of a member with a URL may refresh its keys (rate-limited). */
async function issuerKeys(ctx: NodeContext) {
  let resolver = pinnedPeerKeyResolver(
    await pinnedKeys(ctx.db, ctx.member, { role: 'peer' }),
    await memberIds(ctx),
  );
  let refreshed = false;
  return async (iss: string, kid: string) => {
    const found = resolver(iss, kid);
    if (found !== undefined || refreshed) return found;
    refreshed = true;
    const [member] = await ctx.db.select({ url: members.url }).from(members).where(eq(members.id, iss));
    if (!member?.url) return undefined;
    await refreshKeysOnDemand(ctx, iss, member.url);
    resolver = pinnedPeerKeyResolver(
      await pinnedKeys(ctx.db, ctx.member, { role: 'peer' }),
      await memberIds(ctx),
    );
    return resolver(iss, kid);
  };
}

async function memberIds(ctx: NodeContext): Promise<string[]> {
  const rows = await ctx.db.select({ id: members.id }).from(members);
  return rows.map((r) => r.id).filter((id) => id !== ctx.member);
}

/** Records the token id; a second use, from any API process sharing the database, is a replay. */
async function spendTokenId(ctx: NodeContext, jti: string, issuer: string, exp: number): Promise<void> {
  const expiresAt = new Date((exp + 60) * 1000).toISOString();
  const inserted = await ctx.db
    .insert(peerTokenUses)
    .values({ jti, issuer, expiresAt })
    .onConflictDoNothing()
    .returning({ jti: peerTokenUses.jti });
  if (inserted.length === 0) {
    throw new ProblemError(
      401,
      'token_replayed',
      'peer authentication failed',
      'this token was already used',
      undefined,
      {
        'www-authenticate': 'Bearer error="invalid_token", error_description="token replayed"',
      },
    );
  }
  // Pruning piggybacks on use; expired ids can never be accepted again anyway (exp is checked first).
  if (Math.random() < 0.01)
    await ctx.db.delete(peerTokenUses).where(lt(peerTokenUses.expiresAt, new Date().toISOString()));
}
