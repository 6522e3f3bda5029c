import { sortedUnique } from './compare.js';
import { type CurrentRecord, compareByCreation } from './current-record.js';
import type { DayRange } from './days.js';
import type { MeasureRefs } from './group.js';
import type { DatedValue, PeriodCache } from './period-cache.js';
import { legalBasisOf, type RefFacts, refFacts } from './ref-facts.js';
import type { StringPool } from './string-pool.js';
import type { Agreement, AssertedField, FieldAssessment, MemberAssertion } from './types.js';

export interface AssertionContext {
  measureKey: string;
  refs: MeasureRefs;
  cache: PeriodCache;
  strings: StringPool;
}

/** One record as the measure sees it: its ref to the measure, and its dates when they belong to it. */
interface RecordView {
  ref: RefFacts;
  announced: DatedValue | undefined;
  effective: DatedValue | undefined;
}

function recordView(record: CurrentRecord, context: AssertionContext): RecordView {
  // The usual record names one measure: its facts were read with it, in input order.
  if (record.soleRef)
    return { ref: record.soleRef, announced: record.announcedRange, effective: record.effectiveRange };
  // Dates are record-wide: they belong to a measure only when the record is about that measure alone.
  const datesApply = context.refs.datesApply(record);
  return {
    ref: refFacts(context.refs.refOf(record, context.measureKey), context.strings),
    announced: datesApply ? record.announcedRange : undefined,
    effective: datesApply ? record.effectiveRange : undefined,
  };
}

/** The comparable form of what a record says about `field`; undefined for nothing. */
function keyOf(field: AssertedField, view: RecordView): string | undefined {
  if (field === 'status') return view.ref.status;
  if (field === 'instrument') return view.ref.instrument;
  if (field === 'legalBasis') return view.ref.legalBasis;
  // A valid partial date's value fixes its precision, so the value alone identifies it.
  return view[field]?.value;
}

function agreementOf(keys: string[], ranges: (DayRange | undefined)[]): Agreement {
  if (keys.length < 2) return 'single';
  if (ranges.every((range) => range !== undefined)) {
    // Partial dates agree when they can name the same day: all intervals share a point.
    const latestStart = Math.max(...ranges.map((range) => (range as DayRange).start));
    const earliestEnd = Math.min(...ranges.map((range) => (range as DayRange).end));
    return latestStart <= earliestEnd ? 'corroborated' : 'conflict';
  }
  return keys.every((key) => key === keys[0]) ? 'corroborated' : 'conflict';
}

/** The measure's records seen from its members: who wrote each record, newest records first. */
interface Authorship {
  /** Distinct members, sorted. */
  members: string[];
  /** Per record, its member's position in `members`. */
  memberOf: number[];
  /** Record positions, newest first (createdAt, then id). */
  newestFirst: number[];
}

function authorship(records: readonly CurrentRecord[]): Authorship {
  const members = sortedUnique(records.map((record) => record.member));
  const position = new Map(members.map((member, index) => [member, index]));
  const newestFirst = records.map((_, index) => index);
  newestFirst.sort((a, b) => compareByCreation(records[b] as CurrentRecord, records[a] as CurrentRecord));
  return { members, memberOf: records.map((record) => position.get(record.member) as number), newestFirst };
}

function assess(
  field: AssertedField,
  records: readonly CurrentRecord[],
  views: readonly RecordView[],
  authors: Authorship,
) {
  const keys = views.map((view) => keyOf(field, view));
  // A member's position is its newest statement; older statements with the same value back it up.
  const newest: number[] = authors.members.map(() => -1);
  for (const index of authors.newestFirst) {
    const member = authors.memberOf[index] as number;
    if (newest[member] === -1 && keys[index] !== undefined) newest[member] = index;
  }
  const backing: string[][] = authors.members.map(() => []);
  // Records come sorted by id, so each member's backing ids are too.
  records.forEach((record, index) => {
    const member = authors.memberOf[index] as number;
    const position = newest[member] as number;
    if (position !== -1 && keys[index] === keys[position]) backing[member]?.push(record.id);
  });
  const ranges: (DayRange | undefined)[] = [];
  const memberKeys: string[] = [];
  const assertions: MemberAssertion[] = [];
  authors.members.forEach((member, slot) => {
    const index = newest[slot] as number;
    if (index === -1) return;
    const view = views[index] as RecordView;
    const assertion: MemberAssertion = {
      member,
      value: keys[index] as string,
      recordIds: backing[slot] ?? [],
    };
    if (field === 'legalBasis') assertion.value = legalBasisOf(view.ref.ref) ?? [];
    const range = field === 'announced' || field === 'effective' ? view[field] : undefined;
    if (range) assertion.period = range.period;
    ranges.push(range);
    memberKeys.push(keys[index] as string);
    assertions.push(assertion);
  });
  if (assertions.length === 0) return undefined;
  return { field, agreement: agreementOf(memberKeys, ranges), assertions };
}

const FIELDS: readonly AssertedField[] = ['status', 'instrument', 'legalBasis', 'announced', 'effective'];

/** What each member currently asserts about a measure's status, instrument, legal basis and dates. */
export function measureAssertions(
  records: readonly CurrentRecord[],
  context: AssertionContext,
): FieldAssessment[] {
  const views = records.map((record) => recordView(record, context));
  const authors = authorship(records);
  return FIELDS.map((field) => assess(field, records, views, authors)).filter((entry) => entry !== undefined);
}
