/** A key revoked from `since` (RFC 3339) on: what it signed counts only when logged before that instant. */
export interface KeyRevocation {
  kid: string;
  since: string;
}

/**
 * The earlier of two starts of a key's revocation. A revocation only ever moves earlier: a later one must
 * not reopen a window a compromise closed. An unparseable start counts as the earliest, as it refuses all.
 *
 * @example
 * earlierRevocation('2026-03-01T00:00:00Z', '2026-01-01T00:00:00Z'); // '2026-01-01T00:00:00Z'
 * earlierRevocation(undefined, '2026-03-01T00:00:00Z'); // '2026-03-01T00:00:00Z'
 */
export function earlierRevocation(current: string | undefined, since: string): string {
  if (current === undefined) return since;
  const [now, next] = [Date.parse(current), Date.parse(since)];
  if (Number.isNaN(now)) return current;
  if (Number.isNaN(next)) return since;
  return next < now ? since : current;
}
