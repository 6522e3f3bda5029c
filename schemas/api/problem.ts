import { z } from '../zod.js';

/** One failing field of a rejected request. */
export const fieldErrorSchema = z
  .object({
    path: z.array(z.union([z.string(), z.number()])).describe('Where the problem is, as keys and indexes'),
    pointer: z.string().describe('The same place as an RFC 6901 JSON Pointer'),
    code: z.string().describe('Stable machine code of the check that failed'),
    message: z.string(),
  })
  .openapi('FieldError');

/** RFC 9457 problem details, with a stable `code` callers can switch on. */
export const problemSchema = z
  .object({
    type: z.string().describe('URI naming the problem type: urn:sightline:problem:<code>'),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine code, e.g. validation_failed, unauthorized, forbidden'),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .openapi('Problem');

export type FieldError = z.infer<typeof fieldErrorSchema>;
export type Problem = z.infer<typeof problemSchema>;
