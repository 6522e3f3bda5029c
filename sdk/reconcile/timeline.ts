import type { CurrentRecord } from './current-record.js';
import { DATE_FIELDS, partialDate } from './observation-view.js';
import type { PeriodCache } from './period-cache.js';
import type { TimelineEvent } from './types.js';

/**
 * Every stated date of the measure's current records (given sorted by id), sorted by the start of its
 * interval, then record id, then field (announced, effective, observedFrom, observedTo). Events are made in
 * record and field order, so a stable sort on the start day alone gives that order.
 */
export function timeline(records: readonly CurrentRecord[], cache: PeriodCache): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const starts: number[] = [];
  for (const record of records) {
    for (const field of DATE_FIELDS) {
      const date = partialDate(record, field);
      const range = date && cache.rangeOf(date);
      if (!date || !range) continue;
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
      events.push(event);
      starts.push(range.start);
    }
  }
  // Sorting positions by a number array compares numbers only; sort is stable, ties keep event order.
  const order = events.map((_, index) => index);
  order.sort((a, b) => (starts[a] as number) - (starts[b] as number));
  return order.map((index) => events[index] as TimelineEvent);
}
