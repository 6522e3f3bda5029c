import { z } from '../zod.js';
import { countryCodeSchema } from './iso-countries.js';
import { boundedText } from './text.js';

export const entityRoleSchema = z
  .enum([
    'exporter',
    'importer',
    'end_user',
    'licence_applicant',
    'technology_owner',
    'technology_recipient',
    'investor',
    'domestic_competitor',
    'affected_firm',
    'listed_entity',
  ])
  .openapi('EntityRole');

/** A company or body named in the observation. Names are sensitive: choose the TLP label accordingly. */
export const entitySchema = z
  .strictObject({
    name: boundedText(200),
    role: entityRoleSchema,
    country: countryCodeSchema.optional(),
  })
  .openapi('Entity', { example: { name: 'Northvolt', role: 'importer', country: 'SE' } });
export type Entity = z.infer<typeof entitySchema>;
