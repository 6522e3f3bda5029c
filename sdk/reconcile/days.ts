import type { Period } from './types.js';

// Calendar arithmetic on whole days (days since 1970-01-01), without Date: Date.UTC maps years 0-99 to 19xx.
// Algorithms from H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

// Open ends are small integers no real date reaches, not ±Infinity: V8 boxes a field that ever held Infinity,
// one allocation per stored day across hundreds of thousands of claims. OPEN_END + 1 is still small.
export const OPEN_START = -(2 ** 30);
export const OPEN_END = 2 ** 30 - 2;

/** ISO `YYYY-MM-DD` of a day number; null for an open start or end. */
export function dayToIso(dayNumber: number): string | null {
  if (dayNumber <= OPEN_START || dayNumber >= OPEN_END) return null;
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Inclusive day range; OPEN_START / OPEN_END stand for an open start / end. */
export interface DayRange {
  start: number;
  end: number;
}

export function toPeriod(range: DayRange): Period {
  return { start: dayToIso(range.start), end: dayToIso(range.end) };
}
