import type { Database } from '../db/database.js';
import { type KeyRole, keyRoles, nodeKeys } from '../db/schema.js';

/**
 * Per role, the thumbprints of every key the node has held: what operators exchange out of band. Former keys
 * (rotated away or revoked) are listed too, so a member that joins later can verify what they signed; the
 * node's signed key announcements tell it which are retired or revoked, and those keys then sign nothing new.
 */
export async function keyThumbprints(db: Database): Promise<Record<KeyRole, string[]>> {
  const rows = await db.select({ kid: nodeKeys.kid, role: nodeKeys.role }).from(nodeKeys);
  const keys = Object.fromEntries(keyRoles.map((role) => [role, [] as string[]])) as Record<
    KeyRole,
    string[]
  >;
  for (const row of rows) keys[row.role].push(row.kid);
  for (const role of keyRoles) keys[role].sort();
  return keys;
}
