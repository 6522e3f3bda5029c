import type { PartialDate } from '../../schemas/observation/dates.js';
import type { ObservationDates } from '../../schemas/observation/observation-dates.js';
import type { Random } from './prng.js';

const dayMs = 86_400_000;
const firstDay = Date.UTC(2005, 0, 1);
const lastDay = Date.UTC(2025, 11, 31);

/**
 * A day coarsened to a random precision. Coarsening keeps order: if day a <= day b, the interval of
 * partialDate(b) never ends before the interval of partialDate(a) starts, whatever the precisions.
 */
function partialDate(random: Random, dayMillis: number): PartialDate {
  const day = new Date(dayMillis).toISOString().slice(0, 10);
  const precision = random.pick(['day', 'day', 'month', 'month', 'year'] as const);
  const value = precision === 'day' ? day : precision === 'month' ? day.slice(0, 7) : day.slice(0, 4);
  const qualified = precision !== 'day' && random.chance(0.1);
  return qualified
    ? { value, precision, qualifier: random.pick(['early', 'mid', 'late'] as const) }
    : { value, precision };
}

const randomDay = (random: Random) => firstDay + random.int((lastDay - firstDay) / dayMs + 1) * dayMs;
const later = (random: Random, day: number, maxDays: number) =>
  Math.min(lastDay, day + random.int(maxDays) * dayMs);

/** Announced/effective and observed periods, each pair in order, each date present or absent at random. */
export function generateDates(random: Random): ObservationDates {
  const dates: ObservationDates = {};
  const announced = randomDay(random);
  if (random.chance(0.5)) dates.announced = partialDate(random, announced);
  if (random.chance(0.4)) dates.effective = partialDate(random, later(random, announced, 365));
  if (random.chance(0.6)) {
    const from = randomDay(random);
    dates.observedFrom = partialDate(random, from);
    if (random.chance(0.4)) dates.observedTo = partialDate(random, later(random, from, 900));
  }
  return dates;
}
