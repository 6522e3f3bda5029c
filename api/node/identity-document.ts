import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { type KeyRole, keyRoles, nodeKeys } from '../db/schema.js';

/** Per role, the thumbprints of the node's current keys: what operators exchange out of band. */
export async function currentKeyThumbprints(db: Database): Promise<Record<KeyRole, string[]>> {
  const rows = await db
    .select({ kid: nodeKeys.kid, role: nodeKeys.role })
    .from(nodeKeys)
    .where(isNull(nodeKeys.retiredAt));
  const keys = Object.fromEntries(keyRoles.map((role) => [role, [] as string[]])) as Record<
    KeyRole,
    string[]
  >;
  for (const row of rows) keys[row.role].push(row.kid);
  for (const role of keyRoles) keys[role].sort();
  return keys;
}

/**
 * The thumbprints of the node's record keys that a rotation retired and no revocation reached: a member that
 * pins them verifies the node's records from before the rotation.
 */
export async function formerRecordKeyThumbprints(db: Database): Promise<{ record: string[] }> {
  const rows = await db
    .select({ kid: nodeKeys.kid })
    .from(nodeKeys)
    .where(and(eq(nodeKeys.role, 'record'), isNotNull(nodeKeys.retiredAt), isNull(nodeKeys.revokedSince)));
  return { record: rows.map((row) => row.kid).sort() };
}
