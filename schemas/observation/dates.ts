import { z } from '../zod.js';

export const datePrecisionSchema = z.enum(['year', 'month', 'day']).openapi('DatePrecision');
export type DatePrecision = z.infer<typeof datePrecisionSchema>;

/** Narrows a year or month without claiming a day; the interval stays the whole year or month. */
export const dateQualifierSchema = z.enum(['early', 'mid', 'late']).openapi('DateQualifier');

const valueForms: Readonly<Record<DatePrecision, { pattern: RegExp; form: string }>> = {
  year: { pattern: /^\d{4}$/, form: 'YYYY' },
  month: { pattern: /^\d{4}-(?:0[1-9]|1[0-2])$/, form: 'YYYY-MM' },
  day: { pattern: /^\d{4}-(?:0[1-9]|1[0-2])-\d{2}$/, form: 'YYYY-MM-DD' },
};

const pad2 = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Why `value` is not a real date of the given precision, or undefined when it is one. */
export function partialDateProblem(value: string, precision: DatePrecision): string | undefined {
  const { pattern, form } = valueForms[precision];
  if (!pattern.test(value)) return `'${value}' does not match precision '${precision}': expected ${form}`;
  const [year = 0, month = 1, day = 1] = value.split('-').map(Number);
  // Years below 1000 are typos, and Date.UTC maps years 0-99 to 1900-1999.
  if (year < 1000) return `'${value}' has an impossible year`;
  if (day < 1 || day > daysInMonth(year, month)) return `'${value}' is not a calendar date`;
  return undefined;
}

/** A date known to a year, a month or a day: a missing day is never silently defaulted. */
export const partialDateSchema = z
  .strictObject({
    value: z.string().max(10).describe('YYYY, YYYY-MM or YYYY-MM-DD, matching precision'),
    precision: datePrecisionSchema,
    qualifier: dateQualifierSchema.optional(),
  })
  .superRefine((date, ctx) => {
    const problem = partialDateProblem(date.value, date.precision);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
    if (date.qualifier !== undefined && date.precision === 'day') {
      ctx.addIssue({
        code: 'custom',
        path: ['qualifier'],
        message: 'a qualifier only narrows a year or a month',
      });
    }
  })
  .openapi('PartialDate', { example: { value: '2023-08', precision: 'month' } });

export type PartialDate = z.infer<typeof partialDateSchema>;

/**
 * The inclusive ISO day interval a partial date stands for; the qualifier does not narrow it.
 * Throws RangeError when the value does not match its precision.
 * @example
 * partialDateInterval({ value: '2018', precision: 'year' }); // { start: '2018-01-01', end: '2018-12-31' }
 * partialDateInterval({ value: '2024-02', precision: 'month' }); // { start: '2024-02-01', end: '2024-02-29' }
 */
export function partialDateInterval(date: Pick<PartialDate, 'value' | 'precision'>): {
  start: string;
  end: string;
} {
  const problem = partialDateProblem(date.value, date.precision);
  if (problem) throw new RangeError(problem);
  if (date.precision === 'day') return { start: date.value, end: date.value };
  if (date.precision === 'year') return { start: `${date.value}-01-01`, end: `${date.value}-12-31` };
  const [year = 0, month = 1] = date.value.split('-').map(Number);
  return { start: `${date.value}-01`, end: `${date.value}-${pad2(daysInMonth(year, month))}` };
}

/**
 * True when `later` certainly lies before `earlier`: its whole interval ends before the other's starts.
 * `2018` vs `2018-03-18` overlap, so neither is before the other.
 * @example
 * partialDateEndsBefore({ value: '2023-06', precision: 'month' }, { value: '2023-07-03', precision: 'day' }); // true
 */
export function partialDateEndsBefore(
  later: Pick<PartialDate, 'value' | 'precision'>,
  earlier: Pick<PartialDate, 'value' | 'precision'>,
): boolean {
  return partialDateInterval(later).end < partialDateInterval(earlier).start;
}
