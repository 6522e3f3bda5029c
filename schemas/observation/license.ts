import { z } from '../zod.js';
import { type PartialDate, partialDateEndsBefore, partialDateProblem, partialDateSchema } from './dates.js';
import type { ObservationKind } from './kinds.js';

export const licenseOutcomeSchema = z
  .enum(['granted', 'denied', 'delayed', 'delayed_suspected', 'conditioned'])
  .openapi('LicenseOutcome');
export type LicenseOutcome = z.infer<typeof licenseOutcomeSchema>;

/** The outcomes each license_* kind may carry; these kinds require `observation.license`. */
export const licenseOutcomesByKind: Readonly<Partial<Record<ObservationKind, readonly LicenseOutcome[]>>> = {
  license_granted: ['granted'],
  license_denied: ['denied'],
  license_delayed: ['delayed', 'delayed_suspected'],
  license_conditioned: ['conditioned'],
};

const isValid = (date: PartialDate | undefined): date is PartialDate =>
  date !== undefined && partialDateProblem(date.value, date.precision) === undefined;

const dayNumber = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000;

/** An export licence application as the member saw it. */
export const licenseSchema = z
  .strictObject({
    outcome: licenseOutcomeSchema,
    submittedOn: partialDateSchema.optional(),
    decidedOn: partialDateSchema.optional(),
    elapsedDays: z.int().min(0).max(36_500).optional(),
    basis: z.enum(['licence_file', 'company_report', 'inferred_from_trade_data']),
  })
  .superRefine((license, ctx) => {
    const { submittedOn, decidedOn, elapsedDays } = license;
    if (!isValid(submittedOn) || !isValid(decidedOn)) return;
    if (partialDateEndsBefore(decidedOn, submittedOn)) {
      ctx.addIssue({
        code: 'custom',
        path: ['decidedOn'],
        message: 'decidedOn ends before submittedOn starts',
      });
    } else if (
      elapsedDays !== undefined &&
      submittedOn.precision === 'day' &&
      decidedOn.precision === 'day' &&
      dayNumber(decidedOn.value) - dayNumber(submittedOn.value) !== elapsedDays
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['elapsedDays'],
        message: 'elapsedDays must equal decidedOn minus submittedOn',
      });
    }
  })
  .openapi('License', {
    example: {
      outcome: 'delayed',
      submittedOn: { value: '2024-01-08', precision: 'day' },
      elapsedDays: 120,
      basis: 'company_report',
    },
  });
export type License = z.infer<typeof licenseSchema>;
