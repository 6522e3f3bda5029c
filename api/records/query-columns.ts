import { type PartialDate, partialDateInterval } from '../../schemas/observation/dates.js';
import type { ObservationRecord, SignedRecord } from '../../schemas/record.js';
import type { NewRecordRow } from '../db/schema.js';

/** What a records row holds beside the JWS, its place in the log and its receipt: all derived from the payload. */
export type QueryColumns = Omit<NewRecordRow, 'id' | 'seq' | 'jws' | 'kid' | 'receivedFrom' | 'receivedAt'>;

/** The query columns of a record, all derived from its signed payload. */
export function queryColumns(record: SignedRecord): QueryColumns {
  const common = {
    type: record.type,
    author: record.author,
    tlp: record.tlp,
    recipients: record.recipients ?? [],
    createdAt: record.createdAt,
  };
  if (record.type === 'retraction') {
    return {
      ...common,
      retracts: record.retracts,
      measureKeys: [],
      instruments: [],
      hsKeys: [],
      jurisdictions: [],
      searchText: record.reason,
    };
  }
  return { ...common, ...observationColumns(record) };
}

function observationColumns(record: ObservationRecord) {
  const { dates } = record;
  return {
    supersedes: record.supersedes ?? null,
    kind: record.observation.kind,
    measureKeys: unique(record.measureRefs.map((m) => m.measureKey)),
    instruments: unique(record.measureRefs.map((m) => m.instrument)),
    hsKeys: unique(record.items.flatMap(itemCodes).flatMap(codePrefixes)),
    jurisdictions: unique(record.affectedJurisdictions.flatMap((j) => [j.code, `${j.code}:${j.role}`])),
    ...interval('announced', dates.announced),
    ...interval('effective', dates.effective),
    ...observedInterval(dates.observedFrom, dates.observedTo),
    searchText: [
      record.observation.summary,
      ...record.measureRefs.flatMap((m) => [m.measureKey, m.title]),
      ...record.items.map((i) => i.label ?? ''),
    ].join(' '),
  };
}

function itemCodes(item: ObservationRecord['items'][number]): string[] {
  if (item.scheme === 'HS') return [item.code, ...(item.nationalCodes ?? []).map((n) => n.code)];
  if (item.scheme === 'HS_HEADING') return [item.code];
  return [];
}

/** `81129290` -> 81, 811, 8112, ..., 81129290: so any prefix of 2+ digits is an exact array match. */
function codePrefixes(code: string): string[] {
  const prefixes: string[] = [];
  for (let length = 2; length <= code.length; length++) prefixes.push(code.slice(0, length));
  return prefixes;
}

function interval<K extends string>(name: K, date: PartialDate | undefined) {
  const span = date ? partialDateInterval(date) : undefined;
  return { [`${name}Start`]: span?.start ?? null, [`${name}End`]: span?.end ?? null } as Record<
    `${K}Start` | `${K}End`,
    string | null
  >;
}

/** Without observedTo the observation is still going on: the end stays null, and list filters treat it as open. */
function observedInterval(from: PartialDate | undefined, to: PartialDate | undefined) {
  return {
    observedStart: from ? partialDateInterval(from).start : null,
    observedEnd: to ? partialDateInterval(to).end : null,
  };
}

const unique = (values: readonly string[]) => [...new Set(values)].sort();
