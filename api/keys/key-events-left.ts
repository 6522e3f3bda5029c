import { eq, sql } from 'drizzle-orm';
import type { NodeContext } from '../context.js';
import type { Database, Tx } from '../db/database.js';
import { keyAnnouncements } from '../db/schema.js';
import { MAX_ANNOUNCEMENTS_PER_MEMBER } from '../fed/announcement-cap.js';
import { ProblemError } from '../http/problem.js';

/**
 * Refuses the node's key event that would take its own announcements past the cap peers apply: past it,
 * they would take none of them and refuse its records. Decades of rotations stay well below it.
 */
export async function assertKeyEventsLeft(ctx: NodeContext, tx: Tx | Database, events = 1): Promise<void> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(keyAnnouncements)
    .where(eq(keyAnnouncements.member, ctx.member));
  const made = row?.count ?? 0;
  if (made + events <= MAX_ANNOUNCEMENTS_PER_MEMBER) return;
  throw new ProblemError(
    409,
    'key_events_exhausted',
    'no key announcements left',
    `this node made ${made} key announcements; peers take up at most ${MAX_ANNOUNCEMENTS_PER_MEMBER} per member: agree new keys out of band`,
  );
}
