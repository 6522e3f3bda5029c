import { z } from '../zod.js';
import { observationKindSchema } from './kinds.js';
import { licenseOutcomesByKind, licenseSchema } from './license.js';
import { boundedText } from './text.js';
import { tradeFlowSchema } from './trade-flow.js';

/** What the member saw; license_* kinds need `license`, export_volume_change needs `tradeFlow`. */
export const observationSchema = z
  .strictObject({
    kind: observationKindSchema,
    summary: boundedText(2000),
    license: licenseSchema.optional(),
    tradeFlow: tradeFlowSchema.optional(),
  })
  .superRefine((observation, ctx) => {
    const outcomes = licenseOutcomesByKind[observation.kind];
    if (outcomes && !observation.license) {
      ctx.addIssue({
        code: 'custom',
        path: ['license'],
        message: `kind ${observation.kind} requires license`,
      });
    } else if (outcomes && observation.license && !outcomes.includes(observation.license.outcome)) {
      ctx.addIssue({
        code: 'custom',
        path: ['license', 'outcome'],
        message: `kind ${observation.kind} requires outcome ${outcomes.join(' or ')}, not ${observation.license.outcome}`,
      });
    }
    if (observation.kind === 'export_volume_change' && !observation.tradeFlow) {
      ctx.addIssue({
        code: 'custom',
        path: ['tradeFlow'],
        message: 'kind export_volume_change requires tradeFlow',
      });
    }
  })
  .openapi('Observation');
export type Observation = z.infer<typeof observationSchema>;
