import { memberIdSchema, recordIdSchema, timestampSchema } from './common.js';
import { observationBodyObject, tlpSchema, withObservationBodyChecks } from './observation/body.js';
import { z } from './zod.js';

/** 16 random bytes, base64url without padding: makes every record id (and log leaf) unguessable. */
export const nonceSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'nonce must be 16 bytes of base64url');

const envelope = {
  author: memberIdSchema,
  createdAt: timestampSchema,
  nonce: nonceSchema,
};

/**
 * A signed observation: the envelope the node adds plus the analyst's observation body, with all the body's
 * checks (and its strict key rule, which still admits `x-<memberId>` extensions).
 */
export const observationRecordSchema = withObservationBodyChecks(
  observationBodyObject.extend({
    type: z.literal('observation'),
    ...envelope,
    supersedes: recordIdSchema.optional(),
  }),
).openapi('ObservationRecord');

/** A signed retraction of an earlier record by the same author; carries that record's label. */
export const retractionRecordSchema = z
  .object({
    type: z.literal('retraction'),
    ...envelope,
    retracts: recordIdSchema,
    reason: z.string().min(1).max(2000),
    tlp: tlpSchema,
    recipients: z.array(memberIdSchema).max(64).optional(),
  })
  .strict()
  .openapi('RetractionRecord');

/** Everything that can be the payload of a record JWS. */
export const signedRecordSchema = z
  .discriminatedUnion('type', [observationRecordSchema, retractionRecordSchema])
  .openapi('SignedRecord');

export type ObservationRecord = z.infer<typeof observationRecordSchema>;
export type RetractionRecord = z.infer<typeof retractionRecordSchema>;
export type SignedRecord = z.infer<typeof signedRecordSchema>;
