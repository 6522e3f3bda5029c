import { type DatePrecision, partialDateInterval } from '../../schemas/observation/dates.js';
import { type DayRange, daysFromCivil } from './days.js';
import type { PartialDateView } from './observation-view.js';

const PRECISIONS: ReadonlySet<string> = new Set<DatePrecision>(['year', 'month', 'day']);

function dayOf(iso: string): number {
  const [year = 0, month = 1, day = 1] = iso.split('-').map(Number);
  return daysFromCivil(year, month, day);
}

/**
 * The inclusive day range a partial date covers (`2023` = the whole year), by the schema's own
 * `partialDateInterval`; undefined when the date is not valid. The qualifier (`early`, ...) never narrows it.
 */
export function partialDateRange(date: PartialDateView): DayRange | undefined {
  if (!PRECISIONS.has(date.precision)) return undefined;
  try {
    const interval = partialDateInterval({ value: date.value, precision: date.precision as DatePrecision });
    return { start: dayOf(interval.start), end: dayOf(interval.end) };
  } catch {
    return undefined;
  }
}
