import { iso3166Alpha2 } from './observation/iso-countries.js';
import { z } from './zod.js';

/** True for a federation member id: an assigned ISO 3166-1 alpha-2 code, or EU. */
export function isMemberId(value: string): boolean {
  return value === 'EU' || iso3166Alpha2.has(value);
}

/** A member of the federation: an ISO 3166-1 alpha-2 code, or EU. */
export const memberIdSchema = z
  .string()
  .refine(isMemberId, {
    error: (issue) => `'${String(issue.input)}' is not a member id: use an ISO 3166-1 alpha-2 code or EU`,
  })
  .openapi('MemberId', { example: 'DE', pattern: '^[A-Z]{2}$' });

/** Record id: lowercase hex SHA-256 of the JWS payload bytes. */
export const recordIdSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'record id must be 64 lower-case hex characters')
  .openapi('RecordId');

/** RFC 3339 UTC timestamp with a `Z` suffix. */
export const timestampSchema = z.iso
  .datetime({ offset: false })
  // As for partial dates: years below 1000 are typos, and PostgreSQL cannot store year 0.
  .refine((value) => Number(value.slice(0, 4)) >= 1000, 'years below 1000 are not accepted')
  .openapi('Timestamp', { example: '2026-11-28T12:00:00Z' });

const decimalInteger = /^-?(?:0|[1-9][0-9]{0,15})$/;

/**
 * An integer query parameter: plain decimal digits are read as a number; anything else (an empty value,
 * `0x10`, `1e2`, spaces) is left a string and so refused, where z.coerce would read `""` as 0.
 */
export function queryInteger<S extends z.ZodNumber>(schema: S) {
  return z.preprocess(
    (value) => (typeof value === 'string' && decimalInteger.test(value) ? Number(value) : value),
    schema,
  );
}
