import { and, arrayContains, desc, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { ListObservationsQuery } from '../../schemas/api/observations.js';
import { partialDateInterval } from '../../schemas/observation/dates.js';
import type { Database } from '../db/database.js';
import { dateSpan, records } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';
import { recordViewColumns, toRecordView, withStandingCorrections } from './view.js';

/**
 * One page of records matching `query`, newest (highest log index) first. The page's log indexes are found
 * first and its rows read after: a filter on seq and created_at alone is then an index-only scan of
 * (seq, created_at). Read in one step, the planner walks the seq index through every newer row for an old
 * created range, because it costs a LIMIT as if matching rows were spread evenly over seq.
 */
export async function listRecords(db: Database, query: ListObservationsQuery) {
  const rows = await listStatement(db, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: (await withStandingCorrections(db, page)).map(toRecordView),
    next: rows.length > query.limit && last ? encodeCursor(Number(last.seq)) : null,
  };
}

/** The statement listRecords runs: `limit + 1` rows, the extra one telling whether a next page exists. */
export function listStatement(db: Database, query: ListObservationsQuery) {
  const conditions = filterConditions(query);
  if (query.cursor) conditions.push(lt(records.seq, decodeCursor(query.cursor)));
  const pageSeqs = db
    .select({ seq: records.seq })
    .from(records)
    .where(and(...conditions))
    .orderBy(desc(records.seq))
    .limit(query.limit + 1);
  return db
    .select(recordViewColumns)
    .from(records)
    .where(inArray(records.seq, pageSeqs))
    .orderBy(desc(records.seq));
}

function filterConditions(q: ListObservationsQuery): SQL[] {
  const c: (SQL | undefined)[] = [
    q.measureKey ? arrayContains(records.measureKeys, [q.measureKey]) : undefined,
    q.instrument ? arrayContains(records.instruments, [q.instrument]) : undefined,
    q.kind ? eq(records.kind, q.kind) : undefined,
    q.hs ? arrayContains(records.hsKeys, [q.hs.replaceAll('.', '')]) : undefined,
    q.jurisdiction
      ? arrayContains(records.jurisdictions, [q.role ? `${q.jurisdiction}:${q.role}` : q.jurisdiction])
      : undefined,
    q.tlp ? eq(records.tlp, q.tlp) : undefined,
    q.author ? eq(records.author, q.author) : undefined,
    q.type ? eq(records.type, q.type) : undefined,
    q.createdFrom ? gte(records.createdAt, q.createdFrom) : undefined,
    q.createdTo ? lte(records.createdAt, q.createdTo) : undefined,
    q.q ? sql`${records.search} @@ plainto_tsquery('simple', ${q.q})` : undefined,
    overlaps(dateSpan(records.announcedStart, records.announcedEnd), q.announcedFrom, q.announcedTo),
    overlaps(dateSpan(records.effectiveStart, records.effectiveEnd), q.effectiveFrom, q.effectiveTo),
    overlaps(dateSpan(records.observedStart, records.observedEnd), q.observedFrom, q.observedTo),
  ];
  return c.filter((x): x is SQL => x !== undefined);
}

/**
 * The record's date span overlaps [from, to] (either bound may be missing); records without that date never
 * match, and an observation with no end is still going on. An inverted range matches nothing.
 */
function overlaps(span: SQL, from?: string, to?: string): SQL | undefined {
  if (!from && !to) return undefined;
  const start = from ? boundStart(from) : null;
  const end = to ? boundEnd(to) : null;
  if (start && end && start > end) return sql`false`;
  return sql`${span} && daterange(${start}::date, ${end}::date, '[]')`;
}

const precisionOf = (value: string) => (value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day');

function boundStart(value: string): string {
  return intervalOrProblem(value).start;
}

function boundEnd(value: string): string {
  return intervalOrProblem(value).end;
}

function intervalOrProblem(value: string) {
  try {
    return partialDateInterval({ value, precision: precisionOf(value) });
  } catch {
    throw new ProblemError(
      400,
      'invalid_query',
      'query parameters are not valid',
      `${value} is not a real date`,
    );
  }
}

export function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ before: seq })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const { before } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { before: unknown };
    if (typeof before === 'number' && Number.isSafeInteger(before) && before >= 0) return before;
  } catch {}
  throw new ProblemError(
    400,
    'invalid_cursor',
    'the cursor is not valid',
    'pass the `next` value of a previous page unchanged',
  );
}
