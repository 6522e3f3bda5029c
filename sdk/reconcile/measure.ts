import { aliasCandidates } from './alias-candidates.js';
import { destinationGroups, itemBucketsOf } from './buckets.js';
import { sortedUnique } from './compare.js';
import { conflicts } from './conflicts.js';
import { corroborations } from './corroboration.js';
import { differentials } from './differential.js';
import type { MeasureGroup, MeasureRefs } from './group.js';
import { measureAssertions } from './measure-assertions.js';
import type { PeriodCache } from './period-cache.js';
import { claimsInOrder, type RecordFacts } from './record-facts.js';
import type { StringPool } from './string-pool.js';
import { timeline } from './timeline.js';
import type { MeasureReconciliation } from './types.js';

export interface MeasureContext {
  canonicalKey: (key: string) => string;
  refs: MeasureRefs;
  facts: RecordFacts;
  limit: number;
  cache: PeriodCache;
  strings: StringPool;
}

/** The reconciled picture of one measure from its current records. */
export function reconcileMeasure(group: MeasureGroup, context: MeasureContext): MeasureReconciliation {
  const { cache, limit, refs, strings } = context;
  const { records, measureKey } = group;
  const entries = claimsInOrder(records, context.facts);
  const result: MeasureReconciliation = {
    measureKey,
    mergedKeys: group.mergedKeys,
    records: records.map(({ id, member }) => ({ id, member })),
    members: sortedUnique(records.map(({ member }) => member)),
    assertions: measureAssertions(records, { measureKey, refs, cache, strings }),
    claims: entries.map(({ claim }) => claim),
    corroborated: [],
    conflicts: [],
    differentials: [],
    timeline: timeline(records, context.facts),
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
