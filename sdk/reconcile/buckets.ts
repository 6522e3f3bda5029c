import type { ClaimEntry } from './claim-entry.js';
import { compareStrings, pushTo, sortInPlace } from './compare.js';
import { isHeading, itemBuckets } from './items.js';

/** A record naming both a heading and a code under it counts once per bucket: its most specific claim is kept. */
function withoutRepeats(bucket: ClaimEntry[]): ClaimEntry[] {
  const seen = new Set<string>();
  return bucket.filter(({ claim }) => {
    const key = `${claim.recordId}|${claim.kind}|${claim.scope}|${claim.destination}|${claim.role}|${claim.outcomeClass}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Claims of one measure (given in claim order) by the item they are compared under, HS headings joined to the
 * HS6 codes under them. Buckets come in item order, entries in claim order.
 */
export function itemBucketsOf(entries: readonly ClaimEntry[]): { item: string; entries: ClaimEntry[] }[] {
  const byItem = new Map<string, ClaimEntry[]>();
  // Most measures name no HS heading: then every claim is compared under its own item.
  if (!entries.some((entry) => isHeading(entry.claim.item))) {
    for (const entry of entries) pushTo(byItem, entry.claim.item, entry);
    return sortInPlace([...byItem.keys()], compareStrings).map((item) => ({
      item,
      entries: byItem.get(item) as ClaimEntry[],
    }));
  }
  const bucketsOf = itemBuckets(entries.map((entry) => entry.claim.item));
  const mixed = new Set<string>();
  for (const entry of entries) {
    const items = bucketsOf(entry.claim.item);
    for (const item of items) {
      pushTo(byItem, item, entry);
      if (item !== entry.claim.item) mixed.add(item);
    }
  }
  return sortInPlace([...byItem.keys()], compareStrings).map((item) => {
    const bucket = byItem.get(item) as ClaimEntry[];
    return { item, entries: mixed.has(item) ? withoutRepeats(bucket) : bucket };
  });
}

export interface DestinationGroup {
  /** null for claims about all destinations. */
  destination: string | null;
  entries: ClaimEntry[];
}

/**
 * Claims of one item bucket by destination: one group per named destination, one for `all`. Claims about the
 * unnamed `others` are left out: what they cover differs from record to record. Groups come `all` first, then
 * by code; entries stay in claim order.
 */
export function destinationGroups(entries: readonly ClaimEntry[]): DestinationGroup[] {
  const byDestination = new Map<string | null, ClaimEntry[]>();
  for (const entry of entries) {
    if (entry.claim.scope !== 'others') pushTo(byDestination, entry.claim.destination, entry);
  }
  return sortInPlace([...byDestination.keys()], (a, b) =>
    a === null ? -1 : b === null ? 1 : compareStrings(a, b),
  ).map((destination) => ({ destination, entries: byDestination.get(destination) as ClaimEntry[] }));
}
