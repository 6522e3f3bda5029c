import { compareStrings, stringOrderKey } from './compare.js';
import {
  asFields,
  asList,
  type Fields,
  measureRefsOf,
  type ObservationView,
  stringField,
} from './observation-view.js';

/** An observation that survived the lifecycle: verified, not retracted, the latest version of its chain. */
export interface CurrentRecord extends ObservationView {
  id: string;
  /** stringOrderKey(id): records sort by it, then by id. */
  idOrder: number;
  member: string;
  /** RFC 3339 UTC, as signed. */
  createdAt: string;
  /** Positions of the record's claims and timeline events among all records' (see recordFacts). */
  claimsFrom: number;
  claimsTo: number;
  eventsFrom: number;
  eventsTo: number;
}

/** Reads the reconciliation-relevant fields of a verified observation (one flat object: there are 100k). */
export function currentRecord(id: string, member: string, record: { createdAt: string }): CurrentRecord {
  const fields = record as unknown as Fields;
  const observation = asFields(fields.observation);
  return {
    id,
    idOrder: stringOrderKey(id),
    member,
    createdAt: record.createdAt,
    kind: stringField(observation, 'kind') ?? 'other',
    measureRefs: measureRefsOf(fields.measureRefs),
    items: asList(fields.items),
    jurisdictions: asList(fields.affectedJurisdictions),
    dates: asFields(fields.dates),
    licenseOutcome: stringField(observation?.license, 'outcome'),
    tradeFlowChange: stringField(observation?.tradeFlow, 'change'),
    claimsFrom: 0,
    claimsTo: 0,
    eventsFrom: 0,
    eventsTo: 0,
  };
}

const RFC3339_UTC = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,30})\d*)?Z$/;

/**
 * A text that orders timestamps by the instant they name, to any number of fractional digits (Date.parse
 * stops at milliseconds, and mixing it with text comparison made the order intransitive). Other forms count
 * by their parsed instant; what does not parse sorts first.
 */
export function createdAtKey(value: string): string {
  const match = RFC3339_UTC.exec(value);
  if (match) return `${match[1]}.${(match[2] ?? '').padEnd(30, '0')}`;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? '' : createdAtKey(new Date(millis).toISOString());
}

const WHOLE_SECONDS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * createdAtKey of each value, for sorting; the values themselves when all are whole-second UTC stamps (the
 * usual case), whose text already orders like their keys.
 */
export function createdAtKeys(values: readonly string[]): readonly string[] {
  return values.every((value) => WHOLE_SECONDS_UTC.test(value)) ? values : values.map(createdAtKey);
}

/** Timestamps in the order of the instants they name (see createdAtKey). */
export function compareCreatedAt(a: string, b: string): number {
  return a === b ? 0 : compareStrings(createdAtKey(a), createdAtKey(b));
}

/** Which of two records is newer: createdAt, then the larger id, so ties never depend on input order. */
export function compareByRecency(
  a: { createdAt: string; id: string },
  b: { createdAt: string; id: string },
): number {
  return compareCreatedAt(a.createdAt, b.createdAt) || compareStrings(a.id, b.id);
}

/** Id order (compareStrings on ids), by the precomputed key first. */
export function compareById(a: CurrentRecord, b: CurrentRecord): number {
  return a.idOrder - b.idOrder || compareStrings(a.id, b.id);
}
