import { and, eq, isNotNull } from 'drizzle-orm';
import {
  type Ed25519KeyPair,
  type KeyRole,
  type PublicJwk,
  signKeyAnnouncement,
} from '../../sdk/keys/index.js';
import { earlierRevocation } from '../../sdk/keys/revocation.js';
import type { Tx } from '../db/database.js';
import { nodeKeys } from '../db/schema.js';

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
 * (from the rotation's instant) and every key a rotation replaced before it (from the earlier of its
 * retirement and any revocation). Members that pin only the current key learn the former keys from these,
 * each bounded by its start. Each new key vouches for every former key again, because a retired key signs
 * no announcement: a retirement signed by a key since rotated away is not taken.
 *
 * @example
 * const retirements = await signRetirements(tx, { member: ctx.member, role, replaced, next, rotatedAt });
 */
export async function signRetirements(tx: Tx, retiring: Retiring): Promise<string[]> {
  const { member, role, replaced, next, rotatedAt } = retiring;
  const earlier = await tx
    .select()
    .from(nodeKeys)
    .where(and(eq(nodeKeys.role, role), isNotNull(nodeKeys.retiredAt)));
  const former = [
    { kid: replaced.kid, jwk: replaced.publicJwk, since: rotatedAt },
    ...earlier
      .filter((key) => key.kid !== replaced.kid && key.kid !== next.kid)
      .map((key) => {
        const retiredAt = iso(key.retiredAt as string);
        const since = key.revokedSince ? earlierRevocation(retiredAt, iso(key.revokedSince)) : retiredAt;
        return { kid: key.kid, jwk: key.publicJwk as PublicJwk, since: earlierRevocation(rotatedAt, since) };
      }),
  ];
  return Promise.all(
    former.map(({ kid, jwk, since }) =>
      signKeyAnnouncement({ type: 'key-retirement', member, role, kid, jwk, since, at: rotatedAt }, next),
    ),
  );
}

/** A database timestamp as RFC 3339 UTC. */
function iso(timestamp: string): string {
  return new Date(timestamp).toISOString();
}
