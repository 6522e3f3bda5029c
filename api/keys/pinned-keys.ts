import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { type KeyRole, PinnedKeySet } from '../../sdk/keys/index.js';
import type { Database } from '../db/database.js';
import { memberKeys, members, nodeKeys } from '../db/schema.js';

export interface PinnedKeyQuery {
  role: KeyRole;
  /**
   * Revoked keys too, each marked with its `revokedSince`: verifyRecord then refuses what they signed unless
   * told a trusted time of logging before it (api/records/verify-held.ts). Without this, keys revoked by now
   * are left out and a revocation that starts later is not marked, as ingest does: what it verifies now is
   * logged now, before that start.
   */
  includeRevoked?: boolean;
}

/**
 * Every key of `role` this node trusts, with the member it is pinned to: its own, and its federation
 * members' (those whose JWK it holds and whose log is not proven forked).
 *
 * @example
 * const ingestKeys = await pinnedKeys(ctx.db, ctx.member, { role: 'record' });
 * const heldKeys = await pinnedKeys(ctx.db, ctx.member, { role: 'record', includeRevoked: true });
 * heldKeys.resolve(stolenKid)?.revokedSince; // '2026-01-01T00:00:00.000Z'
 */
export async function pinnedKeys(db: Database, self: string, query: PinnedKeyQuery): Promise<PinnedKeySet> {
  const own = await db
    .select({ jwk: nodeKeys.publicJwk, revokedSince: nodeKeys.revokedSince })
    .from(nodeKeys)
    .where(eq(nodeKeys.role, query.role));
  const theirs = await db
    .select({ member: memberKeys.member, jwk: memberKeys.jwk, revokedSince: memberKeys.revokedSince })
    .from(memberKeys)
    .innerJoin(members, eq(members.id, memberKeys.member))
    .where(and(eq(memberKeys.role, query.role), isNotNull(memberKeys.jwk), isNull(members.forkedAt)));
  const now = Date.now();
  const pinned = (member: string, jwk: unknown, revokedSince: string | null) => {
    if (!revokedSince) return [{ member, jwk }];
    if (query.includeRevoked) return [{ member, jwk, revokedSince: rfc3339(revokedSince) }];
    return Date.parse(revokedSince) > now ? [{ member, jwk }] : [];
  };
  return PinnedKeySet.fromKeys([
    ...own.flatMap((k) => pinned(self, k.jwk, k.revokedSince)),
    ...theirs.flatMap((k) => pinned(k.member, k.jwk, k.revokedSince)),
  ]);
}

/** A database timestamp as RFC 3339 UTC (to the millisecond, which only moves a start earlier). */
function rfc3339(timestamp: string): string {
  const instant = Date.parse(timestamp);
  return Number.isNaN(instant) ? timestamp : new Date(instant).toISOString();
}
