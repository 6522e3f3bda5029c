import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { KeyAnnouncement } from '../../sdk/keys/index.js';
import { decodeBase64Url } from '../../sdk/keys/index.js';
import { earlierRevocation } from '../../sdk/keys/revocation.js';
import type { Database, Tx } from '../db/database.js';
import { keyAnnouncements, memberKeys } from '../db/schema.js';

type Retirement = Extract<KeyAnnouncement, { type: 'key-retirement' }>;
type Revocation = Extract<KeyAnnouncement, { type: 'key-revocation' }>;

/**
 * Applies a verified key-retirement: the member's key in force vouches for a former key. A key this node
 * lacks is pinned, revoked from the retirement's start (never later than now, whatever the announcement
 * says), so it verifies only what is vouched logged before then and signs no token, checkpoint or
 * announcement; a second retirement of it only moves that start earlier. A key this node pinned itself (out
 * of band, or through a rotation a trusted key signed) keeps its standing: a retirement is no claim of
 * compromise, and the key stays retired for announcements (retiredKids). A thumbprint pinned without key
 * material gets the retirement's JWK, whose thumbprint verifyKeyAnnouncement checked.
 */
export async function applyKeyRetirement(tx: Tx, event: Retirement): Promise<void> {
  const since = earlierRevocation(new Date().toISOString(), event.since);
  const samePin = and(
    eq(memberKeys.kid, event.kid),
    eq(memberKeys.member, event.member),
    eq(memberKeys.role, event.role),
  );
  await tx
    .insert(memberKeys)
    .values({
      kid: event.kid,
      member: event.member,
      role: event.role,
      jwk: event.jwk,
      revokedSince: since,
      viaRetirement: true,
    })
    .onConflictDoNothing();
  await tx
    .update(memberKeys)
    .set({ revokedSince: since })
    .where(and(samePin, eq(memberKeys.viaRetirement, true), gt(memberKeys.revokedSince, since)));
  await tx
    .update(memberKeys)
    .set({ jwk: event.jwk })
    .where(and(samePin, isNull(memberKeys.jwk)));
}

/** Applies a verified key-revocation. It only ever moves earlier: a later one must not reopen a window a compromise closed. */
export async function revokeMemberKey(tx: Tx, event: Revocation): Promise<void> {
  await tx
    .update(memberKeys)
    .set({ revokedSince: event.since })
    .where(
      and(
        eq(memberKeys.kid, event.kid),
        eq(memberKeys.member, event.member),
        eq(memberKeys.role, event.role),
        or(isNull(memberKeys.revokedSince), gt(memberKeys.revokedSince, event.since)),
      ),
    );
}

/** The kids that stored (so verified) retirements name: retired keys sign no announcement. */
export async function retiredKids(db: Database | Tx): Promise<string[]> {
  const rows = await db
    .select({ jws: keyAnnouncements.jws })
    .from(keyAnnouncements)
    .where(eq(keyAnnouncements.type, 'key-retirement'));
  return rows.flatMap(({ jws }) => {
    try {
      const { kid } = JSON.parse(new TextDecoder().decode(decodeBase64Url(jws.split('.')[1] ?? ''))) as {
        kid?: unknown;
      };
      return typeof kid === 'string' ? [kid] : [];
    } catch {
      return [];
    }
  });
}
