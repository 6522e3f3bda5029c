import type { ClaimEntry } from './claim-entry.js';

/** Which way a destination is reported at one point of the timeline. */
export type Standing = 'none' | 'adverse' | 'favourable' | 'contested';

export interface Tally {
  /** null for the unnamed `others`. */
  destination: string | null;
  adverse: number;
  favourable: number;
  /** Open claims, in the order they started. */
  entries: Set<ClaimEntry>;
}

export function standingOf(tally: Tally): Standing {
  if (tally.adverse > 0) return tally.favourable > 0 ? 'contested' : 'adverse';
  return tally.favourable > 0 ? 'favourable' : 'none';
}

/**
 * Adverse/favourable claims per destination (null = the unnamed `others`) at the current point of a timeline
 * sweep. Tallies are kept once created, so a sweep allocates one per destination, not one per change.
 */
export class ActiveClaims {
  /** Set when some destination's standing changed since the flag was last cleared. */
  changed = false;
  /** One tally per destination seen so far, in first-seen order (iterating a Map allocates per entry). */
  readonly tallies: Tally[] = [];
  private readonly byDestination = new Map<string | null, Tally>();

  change(entry: ClaimEntry, delta: 1 | -1): void {
    const { destination, outcomeClass } = entry.claim;
    if (outcomeClass === 'neutral') return;
    let tally = this.byDestination.get(destination);
    if (!tally) {
      tally = { destination, adverse: 0, favourable: 0, entries: new Set() };
      this.byDestination.set(destination, tally);
      this.tallies.push(tally);
    }
    const before = standingOf(tally);
    tally[outcomeClass] += delta;
    if (delta === 1) tally.entries.add(entry);
    else tally.entries.delete(entry);
    if (standingOf(tally) !== before) this.changed = true;
  }
}
