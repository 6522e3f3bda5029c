import { describe, expect, it } from 'vitest';
import {
  partialDateEndsBefore,
  partialDateInterval,
  partialDateSchema,
} from '../../schemas/observation/dates.js';

describe('partialDateInterval', () => {
  it.each([
    [
      { value: '2018', precision: 'year' },
      { start: '2018-01-01', end: '2018-12-31' },
    ],
    [
      { value: '2023-08', precision: 'month' },
      { start: '2023-08-01', end: '2023-08-31' },
    ],
    [
      { value: '2024-02', precision: 'month' },
      { start: '2024-02-01', end: '2024-02-29' },
    ],
    [
      { value: '2023-02', precision: 'month' },
      { start: '2023-02-01', end: '2023-02-28' },
    ],
    [
      { value: '1900-02', precision: 'month' },
      { start: '1900-02-01', end: '1900-02-28' },
    ],
    [
      { value: '2023-11', precision: 'month' },
      { start: '2023-11-01', end: '2023-11-30' },
    ],
    [
      { value: '2023-07-03', precision: 'day' },
      { start: '2023-07-03', end: '2023-07-03' },
    ],
  ] as const)('%j covers %j', (date, interval) => {
    expect(partialDateInterval(date)).toEqual(interval);
  });

  it('ignores the qualifier: early 2020 still spans the year', () => {
    expect(partialDateInterval({ value: '2020', precision: 'year', qualifier: 'early' } as never)).toEqual({
      start: '2020-01-01',
      end: '2020-12-31',
    });
  });

  it('throws on a value that does not match its precision', () => {
    expect(() => partialDateInterval({ value: '2023-07', precision: 'day' })).toThrow(RangeError);
    expect(() => partialDateInterval({ value: '2023-02-30', precision: 'day' })).toThrow(/calendar date/);
  });
});

describe('partialDateEndsBefore', () => {
  const year2018 = { value: '2018', precision: 'year' } as const;
  const march18 = { value: '2018-03-18', precision: 'day' } as const;
  it('is false for overlapping intervals in either order', () => {
    expect(partialDateEndsBefore(year2018, march18)).toBe(false);
    expect(partialDateEndsBefore(march18, year2018)).toBe(false);
  });
  it('is true only when the whole interval precedes the other', () => {
    expect(partialDateEndsBefore({ value: '2017-12', precision: 'month' }, march18)).toBe(true);
    expect(partialDateEndsBefore({ value: '2018-03-17', precision: 'day' }, march18)).toBe(true);
    expect(partialDateEndsBefore({ value: '2018-03', precision: 'month' }, march18)).toBe(false);
  });
});

describe('partialDateSchema', () => {
  it.each([
    ['2023-02-29', 'day'],
    ['1900-02-29', 'day'],
    ['2023-04-31', 'day'],
    ['2023-00', 'month'],
    ['0999', 'year'],
    ['23', 'year'],
    ['2023', 'month'],
  ])('rejects %s as a %s', (value, precision) => {
    const result = partialDateSchema.safeParse({ value, precision });
    expect(result.error?.issues[0]?.path).toEqual(['value']);
  });

  it.each([
    ['2024-02-29', 'day'],
    ['2000-02-29', 'day'],
    ['2023-12', 'month'],
    ['2011', 'year'],
  ])('accepts %s as a %s', (value, precision) => {
    expect(partialDateSchema.safeParse({ value, precision }).success).toBe(true);
  });

  it('rejects a qualifier on a day and an unknown qualifier', () => {
    expect(
      partialDateSchema.safeParse({ value: '2020-01-02', precision: 'day', qualifier: 'early' }).error
        ?.issues[0]?.path,
    ).toEqual(['qualifier']);
    expect(
      partialDateSchema.safeParse({ value: '2020', precision: 'year', qualifier: 'circa' }).success,
    ).toBe(false);
  });
});
