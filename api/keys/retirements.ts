import { and, eq, isNotNull } from 'drizzle-orm';
import {
  type Ed25519KeyPair,
  type KeyRole,
  type PublicJwk,
  signKeyAnnouncement,
} from '../../sdk/keys/index.js';
import { earlierRevocation } from '../../sdk/keys/revocation.js';
import type { Database, Tx } from '../db/database.js';
import { type NodeKeyRow, nodeKeys } from '../db/schema.js';

/** What a rotation retires: the key it replaced and when, and the new key that vouches for it. */
export interface Retiring {
  member: string;
  role: KeyRole;
  replaced: { kid: string; publicJwk: PublicJwk };
  next: Ed25519KeyPair;
  /** The instant of the rotation, to the millisecond: the replaced key's retirement starts there. */
  rotatedAt: string;
}

/**
 * Key-retirements signed by the role's new key, one for each former key of the role: the key just replaced
 * (from the rotation's instant) and every key a rotation replaced before it (formerKeys). Members that pin
 * only the current key learn the former keys from these, each bounded by its start. Each new key vouches for
 * every former key again, because a retired key signs no announcement: a retirement signed by a key since
 * rotated away is not taken.
 *
 * @example
 * const retirements = await signRetirements(tx, { member: ctx.member, role, replaced, next, rotatedAt });
 */
export async function signRetirements(tx: Tx, retiring: Retiring): Promise<string[]> {
  const { member, role, replaced, next, rotatedAt } = retiring;
  const former = [
    { kid: replaced.kid, jwk: replaced.publicJwk, since: rotatedAt },
    ...(await formerKeys(tx, role, [replaced.kid, next.kid])),
  ];
  return Promise.all(former.map((key) => signRetirement(member, role, key, next, rotatedAt)));
}

/** A former key of this node, with the start of its retirement. */
export interface FormerKey {
  kid: string;
  jwk: PublicJwk;
  since: string;
}

/**
 * The node's keys of `role` that a rotation replaced (less `except`), each from the earlier of its
 * retirement and any revocation.
 *
 * @example
 * const former = await formerKeys(ctx.db, 'record', [ctx.keys.record.kid]);
 */
export async function formerKeys(
  db: Database | Tx,
  role: KeyRole,
  except: readonly string[],
): Promise<FormerKey[]> {
  const rows = await db
    .select()
    .from(nodeKeys)
    .where(and(eq(nodeKeys.role, role), isNotNull(nodeKeys.retiredAt)));
  return rows
    .filter((key) => !except.includes(key.kid))
    .map((key) => ({ kid: key.kid, jwk: key.publicJwk as PublicJwk, since: retiredSince(key) }));
}

/**
 * One key-retirement of `former`, signed by `current` at `at` (its start is never later than `at`).
 *
 * @example
 * const jws = await signRetirement('DE', 'record', former, ctx.keys.record, new Date().toISOString());
 */
export function signRetirement(
  member: string,
  role: KeyRole,
  former: FormerKey,
  current: Ed25519KeyPair,
  at: string,
): Promise<string> {
  const { kid, jwk } = former;
  const since = earlierRevocation(at, former.since);
  return signKeyAnnouncement({ type: 'key-retirement', member, role, kid, jwk, since, at }, current);
}

function retiredSince(key: NodeKeyRow): string {
  const retiredAt = iso(key.retiredAt as string);
  return key.revokedSince ? earlierRevocation(retiredAt, iso(key.revokedSince)) : retiredAt;
}

/** A database timestamp as RFC 3339 UTC. */
function iso(timestamp: string): string {
  return new Date(timestamp).toISOString();
}
