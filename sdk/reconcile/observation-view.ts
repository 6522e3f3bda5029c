// Narrow, structural reading of an observation record. The zod body schema is authoritative; these readers pick
// only the fields reconciliation uses and skip anything of the wrong shape, so they compile (and stay safe)
// whether the record type is the strict schema or a loose passthrough. They never copy nested objects:
// reconciling 100k records is dominated by allocation.

export type DateField = 'announced' | 'effective' | 'observedFrom' | 'observedTo';

export type Fields = Readonly<Record<string, unknown>>;

export interface PartialDateView {
  value: string;
  precision: string;
  qualifier?: string;
}

export interface ObservationView {
  kind: string;
  /** Entries that are objects with a string `measureKey`. */
  measureRefs: readonly Fields[];
  items: readonly unknown[];
  jurisdictions: readonly unknown[];
  // The four dates, read by name once: a keyed read per use (`dates[field]`, over records of many shapes)
  // cost ten times as much, and every record's dates are read by claims, timeline and assertions.
  announced: PartialDateView | undefined;
  effective: PartialDateView | undefined;
  observedFrom: PartialDateView | undefined;
  observedTo: PartialDateView | undefined;
  licenseOutcome: string | undefined;
  tradeFlowChange: string | undefined;
}

export function asFields(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

export function stringField(value: unknown, key: string): string | undefined {
  const field = asFields(value)?.[key];
  return typeof field === 'string' ? field : undefined;
}

/** The strings of an array field; undefined when the field is not an array. */
export function stringList(value: unknown, key: string): string[] | undefined {
  const field = asFields(value)?.[key];
  return Array.isArray(field)
    ? field.filter((entry): entry is string => typeof entry === 'string')
    : undefined;
}

const EMPTY: readonly unknown[] = [];

export function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : EMPTY;
}

function isMeasureRef(value: unknown): value is Fields {
  return typeof asFields(value)?.measureKey === 'string';
}

export function measureKeyOf(ref: Fields): string {
  return ref.measureKey as string;
}

/** A partial date, when it has a string value and precision. */
export function partialDateOf(value: unknown): PartialDateView | undefined {
  const date = asFields(value);
  if (!date || typeof date.value !== 'string' || typeof date.precision !== 'string') return undefined;
  if (date.qualifier !== undefined && typeof date.qualifier !== 'string') return undefined;
  return date as unknown as PartialDateView;
}

export function measureRefsOf(value: unknown): readonly Fields[] {
  const refs = asList(value);
  // The usual case, every ref well formed, reuses the record's own array.
  return refs.every(isMeasureRef) ? (refs as readonly Fields[]) : refs.filter(isMeasureRef);
}
