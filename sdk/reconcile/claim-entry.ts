import { compareNumbers, compareStrings } from './compare.js';
import type { Claim } from './types.js';

/** A claim plus its period as day numbers (open ends are OPEN_START / OPEN_END), for sweeps. */
export interface ClaimEntry {
  claim: Claim;
  start: number;
  end: number;
}

/** Total order on claims: period first, then every identifying field. */
export function compareClaimEntries(a: ClaimEntry, b: ClaimEntry): number {
  return (
    compareNumbers(a.start, b.start) ||
    compareNumbers(a.end, b.end) ||
    compareStrings(a.claim.recordId, b.claim.recordId) ||
    compareStrings(a.claim.kind, b.claim.kind) ||
    compareStrings(a.claim.item, b.claim.item) ||
    compareStrings(a.claim.scope, b.claim.scope) ||
    compareStrings(a.claim.destination ?? '', b.claim.destination ?? '') ||
    compareStrings(a.claim.role ?? '', b.claim.role ?? '') ||
    compareStrings(a.claim.outcomeClass, b.claim.outcomeClass) ||
    compareStrings(a.claim.outcome, b.claim.outcome)
  );
}

export function compareClaims(a: Claim, b: Claim): number {
  return (
    compareStrings(a.recordId, b.recordId) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.item, b.item) ||
    compareStrings(a.scope, b.scope) ||
    compareStrings(a.destination ?? '', b.destination ?? '') ||
    compareStrings(a.role ?? '', b.role ?? '') ||
    compareStrings(a.outcomeClass, b.outcomeClass) ||
    compareStrings(a.outcome, b.outcome)
  );
}
