import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { type KeyRole, PinnedKeySet } from '../../sdk/keys/index.js';
import type { Database } from '../db/database.js';
import { memberKeys, members, nodeKeys } from '../db/schema.js';

export interface PinnedKeyQuery {
  role: KeyRole;
  /** Revoked keys still verify what was logged before the revocation; ingest leaves them out. */
  includeRevoked?: boolean;
}

/**
 * Every key of `role` this node trusts, with the member it is pinned to: its own, and its federation
 * members' (those whose JWK it holds and whose log is not proven forked).
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
  const usable = (revokedSince: string | null) =>
    query.includeRevoked || !revokedSince || Date.parse(revokedSince) > now;
  return PinnedKeySet.fromKeys([
    ...own.filter((k) => usable(k.revokedSince)).map((k) => ({ member: self, jwk: k.jwk })),
    ...theirs.filter((k) => usable(k.revokedSince)).map((k) => ({ member: k.member, jwk: k.jwk })),
  ]);
}
