import { compareStrings, sortInPlace } from './compare.js';
import { type CurrentRecord, compareById } from './current-record.js';
import { type Fields, measureKeyOf } from './observation-view.js';

export interface MeasureGroup {
  measureKey: string;
  /** Keys in records that resolved to `measureKey` through the alias map. */
  mergedKeys: string[];
  /** Sorted by record id. */
  records: CurrentRecord[];
}

/** How a record's measure references map onto canonical measures. */
export interface MeasureRefs {
  /** The ref a record makes to `measureKey`; of two refs merging into it, the one whose own key sorts first. */
  refOf(record: CurrentRecord, measureKey: string): Fields;
  /** Dates are record-wide: they belong to a measure only when the record is about that measure alone. */
  datesApply(record: CurrentRecord): boolean;
}

export function measureRefs(canonicalKey: (key: string) => string): MeasureRefs {
  return {
    refOf(record, measureKey) {
      const refs = record.measureRefs;
      if (refs.length === 1) return refs[0] as Fields;
      let best: Fields | undefined;
      for (const ref of refs) {
        if (canonicalKey(measureKeyOf(ref)) !== measureKey) continue;
        if (!best || compareStrings(measureKeyOf(ref), measureKeyOf(best)) < 0) best = ref;
      }
      return best as Fields;
    },
    datesApply(record) {
      const refs = record.measureRefs;
      if (refs.length === 1) return true;
      const first = canonicalKey(measureKeyOf(refs[0] as Fields));
      return refs.every((ref) => canonicalKey(measureKeyOf(ref)) === first);
    },
  };
}

/**
 * Groups current records by canonical measure key; a record naming several measures joins
 * each. Keys merge only through the alias map: provisional keys are never matched by similarity.
 */
export function groupByMeasure(
  current: readonly CurrentRecord[],
  canonicalKey: (key: string) => string,
): MeasureGroup[] {
  const groups = new Map<string, CurrentRecord[]>();
  const merged = new Map<string, Set<string>>();
  for (const record of current) {
    for (const ref of record.measureRefs) {
      const own = measureKeyOf(ref);
      const key = canonicalKey(own);
      if (key !== own) merged.set(key, (merged.get(key) ?? new Set()).add(own));
      const list = groups.get(key);
      if (!list) groups.set(key, [record]);
      // Two refs merging into one measure: records are added one at a time, so a repeat is the list's last entry.
      else if (list[list.length - 1] !== record) list.push(record);
    }
  }
  return [...groups.keys()].sort(compareStrings).map((measureKey) => ({
    measureKey,
    mergedKeys: sortInPlace([...(merged.get(measureKey) ?? [])], compareStrings),
    records: (groups.get(measureKey) ?? []).sort(compareById),
  }));
}
