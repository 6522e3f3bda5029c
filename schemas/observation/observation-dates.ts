import { z } from '../zod.js';
import { type PartialDate, partialDateEndsBefore, partialDateProblem, partialDateSchema } from './dates.js';

type DateField = 'announced' | 'effective' | 'observedFrom' | 'observedTo';

// [later, earlier]: the later date must not end before the earlier one starts.
const orderedPairs: ReadonlyArray<readonly [DateField, DateField]> = [
  ['effective', 'announced'],
  ['observedTo', 'observedFrom'],
];

const isValid = (date: PartialDate) => partialDateProblem(date.value, date.precision) === undefined;

/** When the measure was announced and took effect, and the period the member observed. */
export const observationDatesSchema = z
  .strictObject({
    announced: partialDateSchema.optional(),
    effective: partialDateSchema.optional(),
    observedFrom: partialDateSchema.optional(),
    observedTo: partialDateSchema.optional(),
  })
  .superRefine((dates, ctx) => {
    for (const [laterField, earlierField] of orderedPairs) {
      const later = dates[laterField];
      const earlier = dates[earlierField];
      if (!later || !earlier || !isValid(later) || !isValid(earlier)) continue;
      if (partialDateEndsBefore(later, earlier)) {
        ctx.addIssue({
          code: 'custom',
          path: [laterField],
          message: `${laterField} (${later.value}) ends before ${earlierField} (${earlier.value}) starts`,
        });
      }
    }
  })
  .openapi('ObservationDates');

export type ObservationDates = z.infer<typeof observationDatesSchema>;
