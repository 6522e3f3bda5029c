import { compareStrings, sortedUnique } from './compare.js';
import { type CurrentRecord, createdAtKeys } from './current-record.js';
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
  const created = createdAtKeys(records.map((record) => record.createdAt));
  const newestFirst = records.map((_, index) => index);
  // Newest first: createdAt, then the larger id, as compareByRecency orders them.
  newestFirst.sort(
    (a, b) =>
      compareStrings(created[b] as string, created[a] as string) ||
      compareStrings((records[b] as CurrentRecord).id, (records[a] as CurrentRecord).id),
  );
  return { members, memberOf: records.map((record) => position.get(record.member) as number), newestFirst };
}

function assess(
  field: AssertedField,
  records: readonly CurrentRecord[],
  refs: readonly Fields[],
  authors: Authorship,
  context: AssertionContext,
) {
  const keys = records.map((record, index) => keyOf(field, record, refs[index] as Fields, context));
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
    const record = records[index] as CurrentRecord;
    const assertion: MemberAssertion = {
      member,
      value: keys[index] as string,
      recordIds: backing[slot] ?? [],
    };
    if (field === 'legalBasis') assertion.value = legalBasis(refs[index] as Fields) ?? [];
    const date = field === 'announced' || field === 'effective' ? dateOf(record, field, context) : undefined;
    const range = date && context.cache.rangeOf(date);
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
  const refs = records.map((record) => context.refs.refOf(record, context.measureKey));
  const authors = authorship(records);
  return FIELDS.map((field) => assess(field, records, refs, authors, context)).filter(
    (entry) => entry !== undefined,
  );
}
