/**
 * More key announcements than a member makes in decades of rotations. The cap is per member: one member
 * making more must not make every relay's list unreadable, and so hold back every other member's records.
 */
export const MAX_ANNOUNCEMENTS_PER_MEMBER = 200;

/** The member an announcement names, read WITHOUT verifying it: only to count announcements per member. */
function namedMember(jws: string): string {
  try {
    const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload?.member === 'string' ? payload.member : '';
  } catch {
    return '';
  }
}

/** The first `perMember` announcements of each member, in list order (what a node serves: the cap plus one). */
export function firstPerMember(announcements: readonly string[], perMember: number): string[] {
  const counts = new Map<string, number>();
  return announcements.filter((jws) => {
    const member = namedMember(jws);
    const count = (counts.get(member) ?? 0) + 1;
    counts.set(member, count);
    return count <= perMember;
  });
}

/**
 * Splits a served list: the announcements of members within the cap, and the members past it, none of whose
 * announcements is taken up (cutting a member's list could drop its revocations). Unreadable announcements
 * count as one member's, `''`, which never verifies.
 */
export function withinCap(announcements: readonly string[]): { kept: string[]; overCap: string[] } {
  const members = announcements.map(namedMember);
  const counts = new Map<string, number>();
  for (const member of members) counts.set(member, (counts.get(member) ?? 0) + 1);
  const isOver = (member: string) => (counts.get(member) as number) > MAX_ANNOUNCEMENTS_PER_MEMBER;
  return {
    kept: announcements.filter((_, index) => !isOver(members[index] as string)),
    overCap: [...counts.keys()].filter((member) => member !== '' && isOver(member)),
  };
}
