import { memberIdSchema, queryInteger, recordIdSchema, timestampSchema } from '../common.js';
import { jurisdictionRoleSchema } from '../observation/jurisdictions.js';
import { observationKindSchema } from '../observation/kinds.js';
import { instrumentSchema } from '../observation/measure-vocabulary.js';
import { tlpSchema } from '../observation/tlp.js';
import { signedRecordSchema } from '../record.js';
import { z } from '../zod.js';

/** A record as the node holds it: the signed JWS, its payload, and what the node knows about it. */
export const recordViewSchema = z
  .object({
    id: recordIdSchema,
    seq: z.number().int().describe("Index of the record's leaf in this node's log"),
    author: memberIdSchema,
    jws: z.string().describe('The compact JWS exactly as signed by the author'),
    record: signedRecordSchema,
    status: z.enum(['current', 'superseded', 'retracted']),
    supersededBy: recordIdSchema.optional(),
    retractedBy: recordIdSchema.optional(),
    receivedFrom: z.string().describe('`self`, or the member whose node delivered the record first'),
    receivedAt: timestampSchema,
    verified: z
      .boolean()
      .optional()
      .describe(
        'Whether the signature verifies now against the pinned keys, and, if its key has since been revoked, the record was logged before the revocation’s start (single reads only)',
      ),
  })
  .openapi('RecordView');

export const createdRecordSchema = z
  .object({ id: recordIdSchema, jws: z.string(), record: signedRecordSchema })
  .openapi('CreatedRecord');

export const retractRequestSchema = z
  .object({ reason: z.string().min(1).max(2000) })
  .strict()
  .openapi('RetractRequest');

/** A date or partial date: from-bounds use its first day, to-bounds its last. */
const dateBound = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'use YYYY, YYYY-MM or YYYY-MM-DD')
  .openapi({ example: '2023-08' });

/** Free text in a query: control characters (NUL above all, which PostgreSQL text cannot hold) are refused. */
const queryText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((text) => !/\p{Cc}/u.test(text), 'control characters are not allowed');

export const listObservationsQuerySchema = z
  .object({
    measureKey: queryText(200).optional(),
    instrument: instrumentSchema.optional(),
    kind: observationKindSchema.optional(),
    hs: z
      .string()
      .regex(/^\d{2}(\.?\d)*$/, 'hs must be 2 to 10 digits (dots allowed)')
      .max(13)
      .optional()
      .describe('HS code or prefix; also matches national codes'),
    jurisdiction: z
      .string()
      .regex(/^[A-Z]{2}$/, 'jurisdiction must be an ISO 3166-1 alpha-2 code')
      .optional(),
    role: jurisdictionRoleSchema.optional().describe('With jurisdiction: only that role'),
    tlp: tlpSchema.optional(),
    author: memberIdSchema.optional(),
    type: z.enum(['observation', 'retraction']).optional(),
    announcedFrom: dateBound.optional(),
    announcedTo: dateBound.optional(),
    effectiveFrom: dateBound.optional(),
    effectiveTo: dateBound.optional(),
    observedFrom: dateBound.optional(),
    observedTo: dateBound.optional(),
    createdFrom: timestampSchema.optional(),
    createdTo: timestampSchema.optional(),
    q: queryText(200).optional().describe('Words in summary, measure titles and keys, item labels'),
    limit: queryInteger(z.number().int().min(1).max(500)).default(50),
    cursor: z.string().max(200).optional().describe('Opaque: the `next` of the previous page'),
  })
  .strict()
  .refine((q) => !q.role || q.jurisdiction, { path: ['role'], message: 'role needs jurisdiction' });

export type ListObservationsQuery = z.infer<typeof listObservationsQuerySchema>;

export const recordPageSchema = z
  .object({
    items: z.array(recordViewSchema),
    next: z.string().nullable().describe('Cursor of the next page; null on the last page'),
  })
  .openapi('RecordPage');

export const measureQuerySchema = z
  .object({
    limit: queryInteger(z.number().int().min(1).max(500)).default(500),
    cursor: z.string().max(200).optional().describe('Opaque: the `next` of the previous page'),
  })
  .strict();

export const measureViewSchema = z
  .object({
    measureKey: z.string(),
    items: z.array(recordViewSchema).describe('Observations of the measure, newest first'),
    next: z.string().nullable().describe('Cursor of the next (older) page; null on the last page'),
  })
  .openapi('MeasureObservations');

export type RecordView = z.infer<typeof recordViewSchema>;
