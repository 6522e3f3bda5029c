import { compareNumbers, compareStrings, stringOrderKey } from './compare.js';
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
  };
}

function parseCreatedAt(value: string): number {
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? Number.NEGATIVE_INFINITY : millis;
}

/** Same-length RFC 3339 UTC timestamps order like their text; others are compared as parsed instants. */
export function compareCreatedAt(a: string, b: string): number {
  return a.length === b.length ? compareStrings(a, b) : compareNumbers(parseCreatedAt(a), parseCreatedAt(b));
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
