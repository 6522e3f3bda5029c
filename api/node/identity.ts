import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { nodeIdentity } from '../db/schema.js';

export class IdentityMismatchError extends Error {
  readonly code = 'identity_mismatch';
}

/** Records the member id on first start and refuses to start the same database as another member. */
export async function ensureIdentity(db: Database, member: string): Promise<string> {
  await db.insert(nodeIdentity).values({ id: 1, member }).onConflictDoNothing();
  const [row] = await db.select().from(nodeIdentity).where(eq(nodeIdentity.id, 1));
  if (!row) throw new Error('node identity could not be stored');
  if (row.member !== member) {
    throw new IdentityMismatchError(`this database belongs to member ${row.member}, not ${member}`);
  }
  return row.member;
}

/** The member id stored at init, for commands that do not take --member. */
export async function storedIdentity(db: Database): Promise<string | undefined> {
  const [row] = await db.select().from(nodeIdentity).where(eq(nodeIdentity.id, 1));
  return row?.member;
}
