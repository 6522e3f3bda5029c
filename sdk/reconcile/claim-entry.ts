import { compareStrings } from './compare.js';
import type { Claim } from './types.js';

/** A claim plus its period as day numbers (open ends are OPEN_START / OPEN_END), for sweeps. */
export interface ClaimEntry {
  claim: Claim;
  start: number;
  end: number;
  /** Its record's idOrder. */
  idOrder: number;
  /** Its index among all records' claims, each record's in compareClaimsOfRecord order. */
  position: number;
}

/** The claims of one record in order: every identifying field but the record. */
export function compareClaimsOfRecord(a: Claim, b: Claim): number {
  return (
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.item, b.item) ||
    compareStrings(a.scope, b.scope) ||
    compareStrings(a.destination ?? '', b.destination ?? '') ||
    compareStrings(a.role ?? '', b.role ?? '') ||
    compareStrings(a.outcomeClass, b.outcomeClass) ||
    compareStrings(a.outcome, b.outcome)
  );
}

/** Total order on claims: record id, then every identifying field. */
export function compareClaims(a: Claim, b: Claim): number {
  return compareStrings(a.recordId, b.recordId) || compareClaimsOfRecord(a, b);
}

/**
 * compareClaims on entries: record id, then every identifying field (compareClaimsOfRecord). Compares the precomputed
 * record id key and position first, so sorting evidence rarely reads a claim, let alone an id string.
 */
export function compareClaimEntries(a: ClaimEntry, b: ClaimEntry): number {
  if (a.idOrder !== b.idOrder) return a.idOrder - b.idOrder;
  const idA = a.claim.recordId;
  const idB = b.claim.recordId;
  return idA === idB ? a.position - b.position : compareStrings(idA, idB);
}
