import { and, eq } from 'drizzle-orm';
import { decodeProtectedHeader } from 'jose';
import { KEY_ROLES } from '../../sdk/keys/index.js';
import type { Database } from '../db/database.js';
import { keyAnnouncements } from '../db/schema.js';
import { retiredKidOf } from '../fed/key-retirement.js';
import type { NodeKeys } from '../node/keys.js';
import { formerKeys, signRetirement } from './retirements.js';

/**
 * Signs, with each role's current key, a key-retirement of every former key of the role that the current
 * key has not vouched for yet: a node that rotated before key-retirements existed (or whose rotation was
 * interrupted) thereby lets members that pin only its current keys verify what its former keys signed.
 * Run at start; returns how many it stored. Announcements already stored are never changed.
 *
 * @example
 * await backfillRetirements(db, member, keys);
 */
export async function backfillRetirements(db: Database, member: string, keys: NodeKeys): Promise<number> {
  const own = await db
    .select({ jws: keyAnnouncements.jws })
    .from(keyAnnouncements)
    .where(and(eq(keyAnnouncements.member, member), eq(keyAnnouncements.type, 'key-retirement')));
  const vouched = new Set(
    own.map(({ jws }) => `${decodeProtectedHeader(jws).kid} ${retiredKidOf(jws) ?? ''}`),
  );
  const at = new Date().toISOString();
  const missing: string[] = [];
  for (const role of KEY_ROLES) {
    const current = keys[role];
    for (const former of await formerKeys(db, role, [current.kid])) {
      if (!vouched.has(`${current.kid} ${former.kid}`))
        missing.push(await signRetirement(member, role, former, current, at));
    }
  }
  if (missing.length === 0) return 0;
  await db
    .insert(keyAnnouncements)
    .values(missing.map((jws) => ({ jws, member, type: 'key-retirement' as const, at })))
    .onConflictDoNothing();
  return missing.length;
}
