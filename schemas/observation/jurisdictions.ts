import { z } from '../zod.js';
import { countryCodeSchema } from './iso-countries.js';

/** Why a jurisdiction appears: goods go there, it is singled out, spared, compared with, or only context. */
export const jurisdictionRoleSchema = z
  .enum(['destination', 'targeted', 'excluded', 'comparator', 'context'])
  .openapi('JurisdictionRole');
export type JurisdictionRole = z.infer<typeof jurisdictionRoleSchema>;

export const affectedJurisdictionSchema = z
  .strictObject({ code: countryCodeSchema, role: jurisdictionRoleSchema })
  .openapi('AffectedJurisdiction', { example: { code: 'SE', role: 'destination' } });
export type AffectedJurisdiction = z.infer<typeof affectedJurisdictionSchema>;

export const countryGroupSchema = z
  .enum(['EU', 'G7', 'G20', 'OECD', 'ASEAN', 'BRICS', 'NATO', 'WASSENAAR'])
  .openapi('CountryGroup');

/** A group of countries affected together, optionally minus some members. */
export const affectedGroupSchema = z
  .strictObject({
    group: countryGroupSchema,
    excluding: z.array(countryCodeSchema).max(50).optional(),
    role: jurisdictionRoleSchema.optional(),
  })
  .openapi('AffectedGroup', { example: { group: 'OECD', excluding: ['US', 'JP', 'NL'] } });
export type AffectedGroup = z.infer<typeof affectedGroupSchema>;
