import { aliasCandidates } from './alias-candidates.js';
import { destinationGroups, itemBucketsOf } from './buckets.js';
import { type ClaimEntry, compareClaimPeriods } from './claim-entry.js';
import { addClaims } from './claims.js';
import { sortedUnique } from './compare.js';
import { conflicts } from './conflicts.js';
import { corroborations } from './corroboration.js';
import { differentials } from './differential.js';
import type { MeasureGroup, MeasureRefs } from './group.js';
import type { ItemKeys } from './items.js';
import { measureAssertions } from './measure-assertions.js';
import type { PeriodCache } from './period-cache.js';
import { timeline } from './timeline.js';
import type { MeasureReconciliation } from './types.js';

export interface MeasureContext {
  canonicalKey: (key: string) => string;
  refs: MeasureRefs;
  itemKeys: ItemKeys;
  limit: number;
  cache: PeriodCache;
}

/** The reconciled picture of one measure from its current records. */
export function reconcileMeasure(group: MeasureGroup, context: MeasureContext): MeasureReconciliation {
  const { cache, limit, refs } = context;
  const { records, measureKey } = group;
  // Claims are recomputed per measure for the few records about several measures: cheaper than a lookup table.
  const entries: ClaimEntry[] = [];
  for (const record of records) addClaims(entries, record, cache, context.itemKeys);
  // Records come in id order, each with its claims in order: a stable sort by period completes the order
  // (period, record, claim) without comparing a string.
  entries.sort(compareClaimPeriods);
  const result: MeasureReconciliation = {
    measureKey,
    mergedKeys: group.mergedKeys,
    records: records.map(({ id, member }) => ({ id, member })),
    members: sortedUnique(records.map(({ member }) => member)),
    assertions: measureAssertions(records, { measureKey, refs, cache }),
    claims: entries.map(({ claim }) => claim),
    corroborated: [],
    conflicts: [],
    differentials: [],
    timeline: timeline(records, cache),
    aliasCandidates: aliasCandidates(group, refs, context.canonicalKey),
    truncated: [],
  };
  for (const bucket of itemBucketsOf(entries)) {
    const groups = destinationGroups(bucket.entries);
    result.corroborated.push(...corroborations(bucket.item, groups, cache));
    const clashes = conflicts(bucket.item, groups, limit, cache);
    result.conflicts.push(...clashes.conflicts);
    const differential = differentials(bucket.item, bucket.entries, limit, cache);
    result.differentials.push(...differential.differentials);
    result.truncated.push(...clashes.truncated, ...differential.truncated);
  }
  return result;
}
