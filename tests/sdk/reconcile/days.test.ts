import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, dayToIso, OPEN_END, OPEN_START } from '../../../sdk/reconcile/days.js';
import { partialDateRange } from '../../../sdk/reconcile/partial-date.js';

describe('day arithmetic', () => {
  it('round-trips every day of years 1000-9999 through ISO text', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
          const dayNumber = daysFromCivil(year, month, day);
          expect(dayNumber).toBe(Math.floor(date.getTime() / 86_400_000));
          expect(dayToIso(dayNumber)).toBe(iso);
        },
      ),
    );
  });

  it('prints open ends as null', () => {
    expect([dayToIso(OPEN_START), dayToIso(OPEN_END)]).toEqual([null, null]);
  });

  it('covers whole years and months, leap days included, and rejects impossible dates', () => {
    const days = (value: string, precision: string) => {
      const range = partialDateRange({ value, precision });
      return range && [dayToIso(range.start), dayToIso(range.end)];
    };
    expect(days('2020', 'year')).toEqual(['2020-01-01', '2020-12-31']);
    expect(days('2024-02', 'month')).toEqual(['2024-02-01', '2024-02-29']);
    expect(days('2023-02', 'month')).toEqual(['2023-02-01', '2023-02-28']);
    expect(days('2023-02-30', 'day')).toBeUndefined();
    expect(days('2023-08', 'day')).toBeUndefined();
    expect(days('2023', 'decade')).toBeUndefined();
  });
});
