import { type DayRange, toPeriod } from './days.js';
import type { PartialDateView } from './observation-view.js';
import { partialDateRange } from './partial-date.js';
import type { Period } from './types.js';

export interface DatedRange extends DayRange {
  readonly period: Period;
}

/** A valid partial date's value with the days it covers. */
export interface DatedValue extends DatedRange {
  readonly value: string;
}

/**
 * Per-call memo of date ranges and periods. Records repeat the same few thousand dates, so sharing one frozen
 * object per distinct value keeps the result small; it lives only as long as one reconcile call. Nested maps
 * avoid building a key string per lookup.
 */
export class PeriodCache {
  private readonly ranges = new Map<string, Map<string, DatedValue | null>>();
  private readonly periods = new Map<number, Map<number, Period>>();

  /** The days a partial date covers, with their period; undefined for an invalid date. */
  rangeOf(date: PartialDateView): DatedValue | undefined {
    let byValue = this.ranges.get(date.precision);
    if (!byValue) {
      byValue = new Map();
      this.ranges.set(date.precision, byValue);
    }
    let range = byValue.get(date.value);
    if (range === undefined) {
      const computed = partialDateRange(date);
      range = computed
        ? Object.freeze({ ...computed, period: this.periodOf(computed), value: date.value })
        : null;
      byValue.set(date.value, range);
    }
    return range ?? undefined;
  }

  periodOf(range: DayRange): Period {
    const { start, end } = range;
    let byEnd = this.periods.get(start);
    if (!byEnd) {
      byEnd = new Map();
      this.periods.set(start, byEnd);
    }
    let period = byEnd.get(end);
    if (!period) {
      period = Object.freeze(toPeriod(range));
      byEnd.set(end, period);
    }
    return period;
  }
}
