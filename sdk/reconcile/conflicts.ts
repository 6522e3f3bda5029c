import type { DestinationGroup } from './buckets.js';
import type { ClaimEntry } from './claim-entry.js';
import { sortedUnique } from './compare.js';
import type { PeriodCache } from './period-cache.js';
import type { ClaimConflict, TruncatedBucket } from './types.js';

function conflict(
  item: string,
  adverse: ClaimEntry,
  favourable: ClaimEntry,
  cache: PeriodCache,
): ClaimConflict {
  return {
    item,
    scope: adverse.claim.scope,
    destination: adverse.claim.destination,
    period: cache.periodOf({
      start: Math.max(adverse.start, favourable.start),
      end: Math.min(adverse.end, favourable.end),
    }),
    members: sortedUnique([adverse.claim.member, favourable.claim.member]),
    adverse: adverse.claim,
    favourable: favourable.claim,
  };
}

/**
 * Adverse/favourable claim pairs with overlapping periods for the same item and destination (named, or `all`),
 * from different records. A sweep in start order keeps only still-open claims of the opposite class, so the
 * work is the number of pairs, capped at `limit` per destination.
 */
export function conflicts(
  item: string,
  groups: readonly DestinationGroup[],
  limit: number,
  cache: PeriodCache,
) {
  const found: ClaimConflict[] = [];
  const truncated: TruncatedBucket[] = [];
  const open = { adverse: [] as ClaimEntry[], favourable: [] as ClaimEntry[] };
  for (const group of groups) {
    open.adverse.length = 0;
    open.favourable.length = 0;
    let count = 0;
    scan: for (const entry of group.entries) {
      const own = entry.claim.outcomeClass;
      if (own === 'neutral') continue;
      const opposite = own === 'adverse' ? open.favourable : open.adverse;
      let kept = 0;
      for (const other of opposite) {
        // Entries arrive in start order, so a claim that ended before this one starts ends before all later ones.
        if (other.end < entry.start) continue;
        opposite[kept++] = other;
        if (other.claim.recordId === entry.claim.recordId) continue;
        if (count === limit) {
          truncated.push({ finding: 'conflict', item, destination: entry.claim.destination, limit });
          break scan;
        }
        count++;
        found.push(
          own === 'adverse' ? conflict(item, entry, other, cache) : conflict(item, other, entry, cache),
        );
      }
      opposite.length = kept;
      open[own].push(entry);
    }
  }
  return { conflicts: found, truncated };
}
