import { type Standing, standingOf, type Tally } from './active-claims.js';
import { type ClaimEntry, compareClaimEntries } from './claim-entry.js';
import { compareStrings, sortedUnique, sortInPlace } from './compare.js';
import type { PeriodCache } from './period-cache.js';
import type { DifferentialFinding, OutcomeClass } from './types.js';

/**
 * A stretch of time being collected into one differential finding: which side each named destination is on,
 * whether the unnamed others were on either side, and the claims cited for them.
 */
export class Stretch {
  private readonly sides = new Map<string, OutcomeClass>();
  private othersAdverse = false;
  private othersFavourable = false;
  private readonly cited = new Set<ClaimEntry>();

  constructor(
    readonly start: number,
    public end: number,
  ) {}

  /** False when a named destination would change sides: that is a different finding. */
  fits(tallies: readonly Tally[]): boolean {
    for (const tally of tallies) {
      const standing = standingOf(tally);
      if (tally.destination === null || (standing !== 'adverse' && standing !== 'favourable')) continue;
      const side = this.sides.get(tally.destination);
      if (side !== undefined && side !== standing) return false;
    }
    return true;
  }

  /** Puts destinations on their current sides, citing their open claims when they first join. */
  join(tallies: readonly Tally[]): void {
    for (const tally of tallies) {
      if (this.takeSide(tally.destination, standingOf(tally))) {
        for (const entry of tally.entries) this.cite(entry);
      }
    }
  }

  /** Cites a claim that backs its destination's side (a disadvantaged destination's adverse claims, ...). */
  cite(entry: ClaimEntry): void {
    const { destination, outcomeClass } = entry.claim;
    const backs =
      destination === null
        ? (outcomeClass === 'adverse' && this.othersAdverse) ||
          (outcomeClass === 'favourable' && this.othersFavourable)
        : this.sides.get(destination) === outcomeClass;
    if (backs) this.cited.add(entry);
  }

  toFinding(item: string, cache: PeriodCache): DifferentialFinding {
    const disadvantaged: string[] = [];
    const advantaged: string[] = [];
    for (const [destination, side] of this.sides)
      (side === 'adverse' ? disadvantaged : advantaged).push(destination);
    const claims = sortInPlace([...this.cited], compareClaimEntries).map((entry) => entry.claim);
    return {
      item,
      period: cache.periodOf(this),
      disadvantaged: sortInPlace(disadvantaged, compareStrings),
      advantaged: sortInPlace(advantaged, compareStrings),
      othersAdvantaged: this.othersFavourable,
      othersDisadvantaged: this.othersAdverse,
      recordIds: sortedUnique(claims.map((claim) => claim.recordId)),
      members: sortedUnique(claims.map((claim) => claim.member)),
      evidence: claims,
    };
  }

  /** True when the destination newly joined a side. The unnamed others may be on both sides at once. */
  private takeSide(destination: string | null, standing: Standing): boolean {
    if (destination === null) {
      const adverse = !this.othersAdverse && (standing === 'adverse' || standing === 'contested');
      const favourable = !this.othersFavourable && (standing === 'favourable' || standing === 'contested');
      this.othersAdverse ||= adverse;
      this.othersFavourable ||= favourable;
      return adverse || favourable;
    }
    if (this.sides.has(destination) || (standing !== 'adverse' && standing !== 'favourable')) return false;
    this.sides.set(destination, standing);
    return true;
  }
}
