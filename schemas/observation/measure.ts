import { z } from '../zod.js';
import { countryCodeSchema } from './iso-countries.js';
import { issuingAuthoritySchema } from './issuers.js';
import { measureKeySchema, measureKeyTypeSchema, parseMeasureKey } from './measure-key.js';
import {
  instrumentSchema,
  legalBasisSchema,
  measurePatternSchema,
  measureStatusSchema,
} from './measure-vocabulary.js';
import { boundedText } from './text.js';

/** Another key that may name the same measure, pending a merge. */
export const aliasCandidateSchema = z
  .strictObject({ measureKey: measureKeySchema, basis: boundedText(1000) })
  .openapi('AliasCandidate');

/** Which measure an observation is about; the key's form must agree with keyType, issuers and jurisdiction. */
export const measureRefSchema = z
  .strictObject({
    measureKey: measureKeySchema,
    keyType: measureKeyTypeSchema,
    title: boundedText(300),
    issuingAuthorities: z.array(issuingAuthoritySchema).max(8),
    implementingJurisdiction: countryCodeSchema,
    instrument: instrumentSchema,
    legalBasis: z.array(legalBasisSchema).max(10),
    status: measureStatusSchema,
    patterns: z.array(measurePatternSchema).max(10).optional(),
    aliasCandidates: z.array(aliasCandidateSchema).max(10).optional(),
  })
  .superRefine((ref, ctx) => {
    const parsed = parseMeasureKey(ref.measureKey);
    if (!parsed) return; // measureKeySchema already reported why
    if (parsed.keyType !== ref.keyType) {
      ctx.addIssue({
        code: 'custom',
        path: ['keyType'],
        message: `keyType '${ref.keyType}' does not match measureKey '${ref.measureKey}', which has the ${parsed.keyType} form`,
      });
    } else if (
      parsed.keyType === 'official_document' &&
      parsed.issuers.join('-') !== ref.issuingAuthorities.join('-')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['issuingAuthorities'],
        message: `issuingAuthorities must equal the issuer tokens of '${ref.measureKey}' in order: [${parsed.issuers.join(', ')}]`,
      });
    } else if (parsed.keyType === 'provisional' && parsed.country !== ref.implementingJurisdiction) {
      ctx.addIssue({
        code: 'custom',
        path: ['measureKey'],
        message: `provisional key '${ref.measureKey}' must name the implementing jurisdiction ${ref.implementingJurisdiction}`,
      });
    }
  })
  .openapi('MeasureRef', {
    example: {
      measureKey: 'MOFCOM-GAC-2023-23',
      keyType: 'official_document',
      title: 'Export controls on gallium and germanium related items',
      issuingAuthorities: ['MOFCOM', 'GAC'],
      implementingJurisdiction: 'CN',
      instrument: 'dual_use_export_control',
      legalBasis: ['CN_EXPORT_CONTROL_LAW'],
      status: 'in_force',
    },
  });

export type MeasureRef = z.infer<typeof measureRefSchema>;

/** measureRefs: at least one, each key once. */
export const measureRefsSchema = z
  .array(measureRefSchema)
  .min(1, 'an observation refers to at least one measure')
  .max(20)
  .superRefine((refs, ctx) => {
    const seen = new Set<string>();
    refs.forEach((ref, index) => {
      if (seen.has(ref.measureKey)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'measureKey'],
          message: `measure '${ref.measureKey}' is listed twice`,
        });
      }
      seen.add(ref.measureKey);
    });
  });

export {
  type MeasureKeyType,
  measureKeySchema,
  measureKeyTypeSchema,
  parseMeasureKey,
} from './measure-key.js';
