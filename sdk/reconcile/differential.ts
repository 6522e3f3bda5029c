import { ActiveClaims, standingOf, type Tally } from './active-claims.js';
import type { ClaimEntry } from './claim-entry.js';
import { compareNumbers, sortInPlace } from './compare.js';
import { OPEN_END } from './days.js';
import type { PeriodCache } from './period-cache.js';
import { Stretch } from './stretch.js';
import type { DifferentialFinding, TruncatedBucket } from './types.js';

/** At one point: a named destination doing badly while another (or the unnamed others) does well, or vice versa. */
function isDifferential(tallies: readonly Tally[]): boolean {
  let namedAdverse = false;
  let namedFavourable = false;
  let othersAdverse = false;
  let othersFavourable = false;
  for (const tally of tallies) {
    const standing = standingOf(tally);
    if (tally.destination !== null) {
      namedAdverse ||= standing === 'adverse';
      namedFavourable ||= standing === 'favourable';
    } else {
      othersAdverse = standing === 'adverse' || standing === 'contested';
      othersFavourable = standing === 'favourable' || standing === 'contested';
    }
  }
  return (namedAdverse && (namedFavourable || othersFavourable)) || (namedFavourable && othersAdverse);
}

/**
 * Claim starts and end+1 days, in order: between two cuts no claim starts or ends. Day numbers, open ends
 * included, fit in 32 bits, and a typed array sorts numerically without calling a comparator.
 */
function cutsOf(entries: readonly ClaimEntry[]): Int32Array {
  const cuts = new Int32Array(entries.length * 2);
  entries.forEach((entry, index) => {
    cuts[2 * index] = entry.start;
    cuts[2 * index + 1] = entry.end + 1;
  });
  cuts.sort();
  let kept = 0;
  for (const cut of cuts) if (kept === 0 || cuts[kept - 1] !== cut) cuts[kept++] = cut;
  return cuts.subarray(0, kept);
}

/**
 * Differential treatment in one item bucket (entries in claim order). Sweeps the timeline, cut at every claim
 * start and end. At each point a destination with only adverse claims is disadvantaged and one with only
 * favourable claims advantaged (one with both is contested: a conflict, on neither side). A finding is a
 * maximal stretch in which every point is differential and no destination changes sides; it lists every
 * destination that was on a side during the stretch. `all`-scope claims take no part: an outcome for every
 * destination is by definition not differential.
 */
export function differentials(
  item: string,
  entries: readonly ClaimEntry[],
  limit: number,
  cache: PeriodCache,
) {
  const byStart = entries.filter(
    (entry) => entry.claim.scope !== 'all' && entry.claim.outcomeClass !== 'neutral',
  );
  const byEnd = sortInPlace([...byStart], (a, b) => compareNumbers(a.end, b.end));
  const cuts = cutsOf(byStart);
  const active = new ActiveClaims();
  const found: DifferentialFinding[] = [];
  const truncated: TruncatedBucket[] = [];
  let stretch: Stretch | undefined;
  let differential = false;
  let startIndex = 0;
  let endIndex = 0;
  for (let index = 0; index < cuts.length && (cuts[index] as number) <= OPEN_END; index++) {
    const cut = cuts[index] as number;
    for (; endIndex < byEnd.length && (byEnd[endIndex] as ClaimEntry).end < cut; endIndex++) {
      active.change(byEnd[endIndex] as ClaimEntry, -1);
    }
    const firstStarted = startIndex;
    for (; startIndex < byStart.length && (byStart[startIndex] as ClaimEntry).start <= cut; startIndex++) {
      active.change(byStart[startIndex] as ClaimEntry, 1);
    }
    const end = (cuts[index + 1] ?? OPEN_END + 1) - 1;
    // Sides only move when some destination's standing does; otherwise the stretch just goes on.
    const changed = active.changed;
    active.changed = false;
    if (changed) differential = isDifferential(active.tallies);
    if (stretch && (!differential || (changed && !stretch.fits(active.tallies)))) {
      found.push(stretch.toFinding(item, cache));
      stretch = undefined;
    }
    if (!differential) continue;
    if (stretch) {
      stretch.end = end;
      for (let n = firstStarted; n < startIndex; n++) stretch.cite(byStart[n] as ClaimEntry);
    } else if (found.length === limit) {
      truncated.push({ finding: 'differential', item, destination: null, limit });
      return { differentials: found, truncated };
    } else {
      stretch = new Stretch(cut, end);
    }
    if (changed) stretch.join(active.tallies);
  }
  if (stretch) found.push(stretch.toFinding(item, cache));
  return { differentials: found, truncated };
}
