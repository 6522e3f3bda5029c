import { compareStrings } from './compare.js';
import type { CurrentRecord } from './current-record.js';
import { DATE_FIELDS, partialDate } from './observation-view.js';
import type { PeriodCache } from './period-cache.js';
import type { TimelineEvent } from './types.js';

const FIELD_ORDER: Readonly<Record<string, number>> = {
  announced: 0,
  effective: 1,
  observedFrom: 2,
  observedTo: 3,
};

// Timeline periods are always bounded (every event has a date), so ISO start strings sort chronologically.
function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return (
    compareStrings(a.period.start ?? '', b.period.start ?? '') ||
    compareStrings(a.recordId, b.recordId) ||
    (FIELD_ORDER[a.date] ?? 0) - (FIELD_ORDER[b.date] ?? 0)
  );
}

/** Every stated date of the measure's current records, sorted by the start of its interval, then record id. */
export function timeline(records: readonly CurrentRecord[], cache: PeriodCache): TimelineEvent[] {
  const events: TimelineEvent[] = [];
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
    }
  }
  return events.sort(compareEvents);
}
