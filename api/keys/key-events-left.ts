import type { NodeContext } from '../context.js';
import type { Database, Tx } from '../db/database.js';
import { MAX_ANNOUNCEMENTS_PER_MEMBER } from '../fed/announcement-cap.js';
import { servedAnnouncements } from '../fed/served-announcements.js';
import { ProblemError } from '../http/problem.js';

/** Announcements kept for revocations: a stolen key must stay revocable when rotations have run out. */
const KEPT_FOR_REVOCATIONS = 20;

/**
 * What a key event adds to the announcements a node relays about itself (see servedAnnouncements): a rotation
 * one (the revocations it re-signs replace those of the key it retires), a revocation of a key not yet revoked
 * one, moving a revocation earlier none (the new copy replaces the one of the key in force).
 */
export type KeyEvent = 'rotation' | { revocation: { alreadyRevoked: boolean } };

/**
 * Refuses the node's key event that would take the announcements it relays about itself past the cap peers
 * apply: past it, they would take none and refuse its records. A rotation may not use the last few, kept for
 * revocations. A rotation a year per role stays below it for decades.
 */
export async function assertKeyEventsLeft(
  ctx: NodeContext,
  db: Tx | Database,
  event: KeyEvent,
): Promise<void> {
  if (event !== 'rotation' && event.revocation.alreadyRevoked) return;
  const made = (await servedAnnouncements(db, ctx.member)).length;
  const limit = MAX_ANNOUNCEMENTS_PER_MEMBER - (event === 'rotation' ? KEPT_FOR_REVOCATIONS : 0);
  if (made + 1 <= limit) return;
  throw new ProblemError(
    409,
    'key_events_exhausted',
    'no key announcements left',
    `this node relays ${made} key announcements about itself; peers take up at most ${MAX_ANNOUNCEMENTS_PER_MEMBER} per member (the last ${KEPT_FOR_REVOCATIONS} for revocations): agree new keys out of band`,
  );
}
