import { compareStrings, pushTo, sortInPlace } from './compare.js';
import type { MeasureGroup, MeasureRefs } from './group.js';
import { stringField } from './observation-view.js';
import type { AliasCandidate, RecordCitation } from './types.js';

/** Keys members propose as the same measure, for an analyst to confirm through the alias map. */
export function aliasCandidates(
  group: MeasureGroup,
  refs: MeasureRefs,
  canonicalKey: (key: string) => string,
): AliasCandidate[] {
  const proposals = new Map<string, RecordCitation[]>();
  for (const record of group.records) {
    // The usual record's only ref was read with it, in input order.
    const candidates = record.soleRef
      ? record.soleRef.aliasCandidates
      : refs.refOf(record, group.measureKey).aliasCandidates;
    if (!Array.isArray(candidates)) continue;
    const keys = new Set(candidates.map((candidate) => stringField(candidate, 'measureKey')));
    for (const key of keys) {
      if (key === undefined || canonicalKey(key) === group.measureKey) continue;
      pushTo(proposals, key, { id: record.id, member: record.member });
    }
  }
  return sortInPlace([...proposals.keys()], compareStrings).map((measureKey) => ({
    measureKey,
    proposedBy: sortInPlace(proposals.get(measureKey) ?? [], (a, b) => compareStrings(a.id, b.id)),
  }));
}
