import { memberIdSchema } from '../common.js';
import { z } from '../zod.js';
import { confidenceSchema } from './confidence.js';
import { entitySchema } from './entities.js';
import { evidenceSchema } from './evidence.js';
import { itemSchema } from './items.js';
import { affectedGroupSchema, affectedJurisdictionSchema } from './jurisdictions.js';
import { mappingsSchema } from './mappings.js';
import { measureRefsSchema } from './measure.js';
import { observationSchema } from './observation.js';
import { observationDatesSchema } from './observation-dates.js';
import { boundedText } from './text.js';
import { tlpSchema } from './tlp.js';

const recipientsSchema = z
  .array(memberIdSchema)
  .max(64)
  .superRefine((recipients, ctx) => {
    recipients.forEach((member, index) => {
      if (recipients.indexOf(member) !== index) {
        ctx.addIssue({ code: 'custom', path: [index], message: `recipient ${member} is listed twice` });
      }
    });
  })
  .describe('Members allowed to receive a TLP:AMBER or TLP:AMBER+STRICT record; only for those labels');

/** The fields an analyst submits. Empty arrays and `{}` dates say "none known"; they are never defaulted. */
export const observationBodyShape = {
  measureRefs: measureRefsSchema,
  observation: observationSchema,
  items: z.array(itemSchema).max(100),
  affectedJurisdictions: z.array(affectedJurisdictionSchema).max(100),
  affectedGroups: z.array(affectedGroupSchema).max(20).optional(),
  entities: z.array(entitySchema).max(50).optional(),
  dates: observationDatesSchema,
  confidence: confidenceSchema,
  tlp: tlpSchema,
  recipients: recipientsSchema.optional(),
  evidence: z.array(evidenceSchema).min(1, 'an observation needs at least one evidence').max(30),
  mappings: mappingsSchema.optional(),
  sourceExcerpt: boundedText(4000)
    .optional()
    .describe('Verbatim excerpt of the source the observation rests on'),
  notes: boundedText(4000).optional(),
};

/**
 * The body without its cross-field checks. Unknown keys reach the catchall only so that `x-<memberId>`
 * extensions survive; withObservationBodyChecks rejects every other unknown key.
 */
export const observationBodyObject = z.object(observationBodyShape).catchall(z.unknown());

export type ObservationBodyFields = z.output<typeof observationBodyObject>;
