import { MAX_ANNOUNCEMENT_LENGTH } from '../../sdk/keys/index.js';
import { unverifiedPayload } from './unverified-payload.js';

/**
 * More key announcements than a member makes in decades of rotations (a node relays one per key event, see
 * servedAnnouncements). The cap is per member: one member past it must not keep every other
 * member's key events from being taken up.
 */
export const MAX_ANNOUNCEMENTS_PER_MEMBER = 200;

/** The member an announcement names, read WITHOUT verifying it: only to count announcements per member. */
function namedMember(jws: string): string {
  const member = unverifiedPayload(jws)?.member;
  return typeof member === 'string' ? member : '';
}

/**
 * Splits a served list: the announcements of members within the cap, and the members past it, none of whose
 * announcements is taken up (cutting a member's list could drop its revocations). Announcements too long to
 * verify are dropped first; those naming no member count as the member `''`, and never verify.
 */
export function withinCap(announcements: readonly string[]): { kept: string[]; overCap: string[] } {
  const readable = announcements.filter((jws) => jws.length <= MAX_ANNOUNCEMENT_LENGTH);
  const members = readable.map(namedMember);
  const counts = new Map<string, number>();
  for (const member of members) counts.set(member, (counts.get(member) ?? 0) + 1);
  const isOver = (member: string) => (counts.get(member) as number) > MAX_ANNOUNCEMENTS_PER_MEMBER;
  return {
    kept: readable.filter((_, index) => !isOver(members[index] as string)),
    overCap: [...counts.keys()].filter((member) => member !== '' && isOver(member)),
  };
}
