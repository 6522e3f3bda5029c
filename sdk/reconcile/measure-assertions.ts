import { compareStrings, pushTo, sortedUnique, sortInPlace } from './compare.js';
import { type CurrentRecord, compareByRecency } from './current-record.js';
import type { DayRange } from './days.js';
import type { MeasureRefs } from './group.js';
import { type DateField, type Fields, partialDate, stringList } from './observation-view.js';
import type { PeriodCache } from './period-cache.js';
import type { Agreement, AssertedField, FieldAssessment, MemberAssertion } from './types.js';

export interface AssertionContext {
  measureKey: string;
  refs: MeasureRefs;
  cache: PeriodCache;
}

// `UNKNOWN` states the absence of knowledge, not a legal basis, so it neither agrees nor disagrees.
const NOT_A_LEGAL_BASIS = 'UNKNOWN';

function legalBasis(ref: Fields): string[] | undefined {
  const known = stringList(ref, 'legalBasis')?.filter((code) => code !== NOT_A_LEGAL_BASIS);
  if (!known || known.length === 0) return undefined;
  return known.length === 1 ? known : sortedUnique(known);
}

/** The record's `field` date when it is valid and belongs to this measure. */
function dateOf(record: CurrentRecord, field: DateField, context: AssertionContext) {
  const date = context.refs.datesApply(record) ? partialDate(record, field) : undefined;
  return date && context.cache.rangeOf(date) ? date : undefined;
}

/** The comparable form of what a record (and its ref to the measure) says about `field`; undefined for nothing. */
function keyOf(
  field: AssertedField,
  record: CurrentRecord,
  ref: Fields,
  context: AssertionContext,
): string | undefined {
  if (field === 'status') return typeof ref.status === 'string' ? ref.status : undefined;
  if (field === 'instrument') return typeof ref.instrument === 'string' ? ref.instrument : undefined;
  if (field === 'legalBasis') {
    // The usual single code needs no list.
    const raw = ref.legalBasis;
    if (Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'string') {
      return raw[0] === NOT_A_LEGAL_BASIS ? undefined : raw[0];
    }
    return legalBasis(ref)?.join('\u0000');
  }
  // A valid partial date's value fixes its precision, so the value alone identifies it.
  return dateOf(record, field, context)?.value;
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

function assess(
  field: AssertedField,
  records: readonly CurrentRecord[],
  refs: readonly Fields[],
  context: AssertionContext,
) {
  const keys = records.map((record, index) => keyOf(field, record, refs[index] as Fields, context));
  // A member's position is its newest statement; older statements with the same value back it up.
  const newest = new Map<string, number>();
  records.forEach((record, index) => {
    if (keys[index] === undefined) return;
    const known = newest.get(record.member);
    if (known === undefined || compareByRecency(record, records[known] as CurrentRecord) > 0) {
      newest.set(record.member, index);
    }
  });
  if (newest.size === 0) return undefined;
  const members = sortInPlace([...newest.keys()], compareStrings);
  const backing = new Map<string, string[]>();
  records.forEach((record, index) => {
    const key = keys[index];
    if (key !== undefined && key === keys[newest.get(record.member) as number]) {
      pushTo(backing, record.member, record.id);
    }
  });
  const ranges: (DayRange | undefined)[] = [];
  const assertions = members.map((member): MemberAssertion => {
    const index = newest.get(member) as number;
    const record = records[index] as CurrentRecord;
    const recordIds = sortedUnique(backing.get(member) ?? []);
    const assertion: MemberAssertion = { member, value: keys[index] as string, recordIds };
    if (field === 'legalBasis') assertion.value = legalBasis(refs[index] as Fields) ?? [];
    const date = field === 'announced' || field === 'effective' ? dateOf(record, field, context) : undefined;
    const range = date && context.cache.rangeOf(date);
    if (range) assertion.period = range.period;
    ranges.push(range);
    return assertion;
  });
  const memberKeys = members.map((member) => keys[newest.get(member) as number] as string);
  return { field, agreement: agreementOf(memberKeys, ranges), assertions };
}

const FIELDS: readonly AssertedField[] = ['status', 'instrument', 'legalBasis', 'announced', 'effective'];

/** What each member currently asserts about a measure's status, instrument, legal basis and dates. */
export function measureAssertions(
  records: readonly CurrentRecord[],
  context: AssertionContext,
): FieldAssessment[] {
  const refs = records.map((record) => context.refs.refOf(record, context.measureKey));
  return FIELDS.map((field) => assess(field, records, refs, context)).filter((entry) => entry !== undefined);
}
