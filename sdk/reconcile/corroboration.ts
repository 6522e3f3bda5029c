import type { DestinationGroup } from './buckets.js';
import { type ClaimEntry, compareClaimEntries } from './claim-entry.js';
import { compareNumbers, compareStrings, sortedUnique, sortInPlace } from './compare.js';
import type { PeriodCache } from './period-cache.js';
import type { CorroboratedClaim } from './types.js';

/** Kind, then outcome class, then start: each kind and class becomes one run, in start order. */
function compareByKindClassStart(a: ClaimEntry, b: ClaimEntry): number {
  return (
    compareStrings(a.claim.kind, b.claim.kind) ||
    compareStrings(a.claim.outcomeClass, b.claim.outcomeClass) ||
    compareNumbers(a.start, b.start)
  );
}

function sameRun(a: ClaimEntry, b: ClaimEntry): boolean {
  return a.claim.kind === b.claim.kind && a.claim.outcomeClass === b.claim.outcomeClass;
}

function finding(item: string, chain: ClaimEntry[], end: number, cache: PeriodCache): CorroboratedClaim {
  const first = chain[0] as ClaimEntry;
  return {
    kind: first.claim.kind,
    item,
    scope: first.claim.scope,
    destination: first.claim.destination,
    outcomeClass: first.claim.outcomeClass,
    period: cache.periodOf({ start: first.start, end }),
    members: sortedUnique(chain.map((entry) => entry.claim.member)),
    evidence: sortInPlace(chain, compareClaimEntries).map((entry) => entry.claim),
  };
}

function hasTwoMembers(entries: readonly ClaimEntry[], from: number, to: number): boolean {
  const first = entries[from]?.claim.member;
  for (let index = from + 1; index < to; index++) if (entries[index]?.claim.member !== first) return true;
  return false;
}

/**
 * Corroborated claims in one item bucket: claims of the same kind, destination and outcome class whose periods
 * overlap (directly or through a chain of overlapping claims) and that come from two or more members.
 */
export function corroborations(
  item: string,
  groups: readonly DestinationGroup[],
  cache: PeriodCache,
): CorroboratedClaim[] {
  const findings: CorroboratedClaim[] = [];
  for (const group of groups) {
    if (group.entries.length < 2) continue;
    const sorted = sortInPlace([...group.entries], compareByKindClassStart);
    let from = 0;
    let end = (sorted[0] as ClaimEntry).end;
    for (let index = 1; index <= sorted.length; index++) {
      const entry = sorted[index];
      if (entry && sameRun(sorted[from] as ClaimEntry, entry) && entry.start <= end) {
        end = Math.max(end, entry.end);
        continue;
      }
      if (hasTwoMembers(sorted, from, index))
        findings.push(finding(item, sorted.slice(from, index), end, cache));
      from = index;
      if (entry) end = entry.end;
    }
  }
  return findings;
}
