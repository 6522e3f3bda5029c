import { compareStrings, stringOrderKey } from './compare.js';
import {
  asFields,
  asList,
  type Fields,
  measureRefsOf,
  type ObservationView,
  partialDateOf,
  stringField,
} from './observation-view.js';
import type { DatedValue } from './period-cache.js';
import { type RefFacts, refFacts } from './ref-facts.js';
import type { StringPool } from './string-pool.js';

/** An observation that survived the lifecycle: verified, not retracted, the latest version of its chain. */
export interface CurrentRecord extends ObservationView {
  id: string;
  /** stringOrderKey(id): records sort by it, then by id. */
  idOrder: number;
  member: string;
  /** RFC 3339 UTC, as signed. */
  createdAt: string;
  /** createdAtKey(createdAt) as its whole seconds (a number) and fraction digits: see compareByCreation. */
  createdSeconds: number;
  createdFraction: string;
  /** The facts of the record's measure ref when it has just one (the usual case); else undefined. */
  soleRef: RefFacts | undefined;
  /** The days of the valid `announced` and `effective` dates, set with the record's facts (see recordFacts). */
  announcedRange: DatedValue | undefined;
  effectiveRange: DatedValue | undefined;
  /** Positions of the record's claims and timeline events among all records' (see recordFacts). */
  claimsFrom: number;
  claimsTo: number;
  eventsFrom: number;
  eventsTo: number;
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
  if (Number.isNaN(millis)) return '';
  // A year past 9999 is written `+010000-…`, which matches no four-digit year: it counts as not parsing.
  const iso = new Date(millis).toISOString();
  return RFC3339_UTC.test(iso) ? createdAtKey(iso) : '';
}

const WHOLE_SECONDS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const ZERO_FRACTION = '0'.repeat(30);

/**
 * The whole seconds of a createdAtKey as one number (YYYYMMDDhhmmss), ordered as the key's first 19
 * characters are (fixed width); -1 for '', which sorts first. A whole-second stamp is its own key's prefix.
 */
function secondsOfKey(key: string): number {
  if (key === '') return -1;
  let seconds = 0;
  for (let index = 0; index < 19; index++) {
    const code = key.charCodeAt(index);
    if (code >= 48 && code <= 57) seconds = seconds * 10 + (code - 48);
  }
  return seconds;
}

/** Reads the reconciliation-relevant fields of a verified observation (one flat object: there are 100k). */
export function currentRecord(
  id: string,
  member: string,
  record: { createdAt: string },
  strings: StringPool,
): CurrentRecord {
  const fields = record as unknown as Fields;
  const observation = asFields(fields.observation);
  const measureRefs = measureRefsOf(fields.measureRefs);
  const dates = asFields(fields.dates);
  // Verified records have a string createdAt; a hand-built one that does not counts as no instant.
  const createdAt = typeof record.createdAt === 'string' ? record.createdAt : '';
  const whole = WHOLE_SECONDS_UTC.test(createdAt);
  const createdKey = whole ? createdAt : createdAtKey(createdAt);
  return {
    id,
    idOrder: stringOrderKey(id),
    member,
    createdAt,
    createdSeconds: secondsOfKey(createdKey),
    createdFraction: whole ? ZERO_FRACTION : createdKey.slice(20),
    soleRef: measureRefs.length === 1 ? refFacts(measureRefs[0] as Fields, strings) : undefined,
    announcedRange: undefined,
    effectiveRange: undefined,
    kind: stringField(observation, 'kind') ?? 'other',
    measureRefs,
    items: asList(fields.items),
    jurisdictions: asList(fields.affectedJurisdictions),
    announced: partialDateOf(dates?.announced),
    effective: partialDateOf(dates?.effective),
    observedFrom: partialDateOf(dates?.observedFrom),
    observedTo: partialDateOf(dates?.observedTo),
    licenseOutcome: stringField(observation?.license, 'outcome'),
    tradeFlowChange: stringField(observation?.tradeFlow, 'change'),
    claimsFrom: 0,
    claimsTo: 0,
    eventsFrom: 0,
    eventsTo: 0,
  };
}

/**
 * Older first, as compareByRecency orders them (createdAtKey, then id), comparing precomputed numbers first:
 * a measure sorts its records by recency, and reading each createdAt string again there cost more.
 */
export function compareByCreation(a: CurrentRecord, b: CurrentRecord): number {
  return (
    a.createdSeconds - b.createdSeconds ||
    compareStrings(a.createdFraction, b.createdFraction) ||
    compareById(a, b)
  );
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
