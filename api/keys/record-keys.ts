import { eq } from 'drizzle-orm';
import { PinnedKeySet } from '../../sdk/keys/index.js';
import type { PublicKeyResolver } from '../../sdk/record/index.js';
import type { Database } from '../db/database.js';
import { nodeKeys } from '../db/schema.js';

/**
 * Resolves a record `kid` to its member: this node's own record keys (current and retired, so old records
 * still verify). Peers' pinned keys join here once the federation registry exists.
 */
export async function recordKeyResolver(db: Database, member: string): Promise<PublicKeyResolver> {
  const own = await db.select({ jwk: nodeKeys.publicJwk }).from(nodeKeys).where(eq(nodeKeys.role, 'record'));
  const pinned = PinnedKeySet.fromKeys(own.map((row) => ({ member, jwk: row.jwk })));
  return pinned.resolve;
}
