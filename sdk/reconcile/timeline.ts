import type { CurrentRecord } from './current-record.js';
import type { DateField, PartialDateView } from './observation-view.js';
import type { PeriodCache } from './period-cache.js';
import type { TimelineEvent } from './types.js';

/** Every current record's timeline events, made once (a record naming several measures shares them). */
export interface EventLog {
  events: TimelineEvent[];
  /** Per event, the first day of its interval. */
  starts: number[];
}

function addEvent(
  log: EventLog,
  record: CurrentRecord,
  field: DateField,
  date: PartialDateView | undefined,
  cache: PeriodCache,
): void {
  const range = date && cache.rangeOf(date);
  if (!date || !range) return;
  const event: TimelineEvent = {
    date: field,
    value: date.value,
    precision: date.precision,
    period: range.period,
    kind: record.kind,
    recordId: record.id,
    member: record.member,
  };
  if (date.qualifier !== undefined) event.qualifier = date.qualifier;
  log.events.push(event);
  log.starts.push(range.start);
}

/** Appends the record's events to `log`, in field order (announced, effective, observedFrom, observedTo). */
export function addEvents(log: EventLog, record: CurrentRecord, cache: PeriodCache): void {
  addEvent(log, record, 'announced', record.announced, cache);
  addEvent(log, record, 'effective', record.effective, cache);
  addEvent(log, record, 'observedFrom', record.observedFrom, cache);
  addEvent(log, record, 'observedTo', record.observedTo, cache);
}

/**
 * Every stated date of the measure's current records (given sorted by id), sorted by the start of its
 * interval, then record id, then field. Events are gathered in record and field order, so a stable sort on
 * the start day alone gives that order.
 */
export function timeline(records: readonly CurrentRecord[], log: EventLog): TimelineEvent[] {
  const order: number[] = [];
  for (const record of records) {
    for (let index = record.eventsFrom; index < record.eventsTo; index++) order.push(index);
  }
  // Sorting positions by a number array compares numbers only; sort is stable, ties keep event order.
  const { starts, events } = log;
  order.sort((a, b) => (starts[a] as number) - (starts[b] as number));
  return order.map((index) => events[index] as TimelineEvent);
}
