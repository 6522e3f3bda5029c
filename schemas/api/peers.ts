import { memberIdSchema } from '../common.js';
import { z } from '../zod.js';
import { formerKeyPinsSchema, memberKeyPinsSchema, peerUrlSchema } from './federation.js';

export { peerUrlSchema };

export const peerPreviewRequestSchema = z
  .object({ url: peerUrlSchema })
  .strict()
  .openapi('PeerPreviewRequest');

export const peerIdentitySchema = z
  .object({
    id: memberIdSchema,
    url: peerUrlSchema.optional(),
    keys: memberKeyPinsSchema,
    formerKeys: formerKeyPinsSchema.optional(),
  })
  .strict()
  .openapi('PeerIdentity');

export const peerStatusSchema = z
  .object({
    id: memberIdSchema,
    url: z.string().nullable(),
    keys: z.object({
      record: z.array(z.string()),
      log: z.array(z.string()),
      witness: z.array(z.string()),
      peer: z.array(z.string()),
    }),
    formerKeys: z
      .object({ record: z.array(z.string()) })
      .describe('Record keys pinned as rotated away: they verify earlier records and sign nothing else'),
    forked: z.boolean(),
    cursor: z.number().int().nullable(),
    peerHead: z.number().int().nullable(),
    lag: z.number().int().nullable().describe('Peer log size minus what we have examined'),
    received: z.number().int(),
    rejected: z.number().int(),
    lastSuccessAt: z.string().nullable(),
    lastErrorAt: z.string().nullable(),
    lastError: z.string().nullable(),
  })
  .openapi('PeerStatus');

export const peerListSchema = z.object({ peers: z.array(peerStatusSchema) }).openapi('PeerList');

export const syncProgressSchema = z
  .object({
    member: memberIdSchema,
    after: z.number().int(),
    next: z.number().int(),
    head: z.number().int(),
    accepted: z.number().int(),
    duplicate: z.number().int(),
    rejected: z.number().int(),
  })
  .openapi('SyncProgress');

export const peerAuditSchema = z
  .object({
    member: memberIdSchema,
    verdict: z
      .string()
      .describe(
        'consistent (or unchanged) with every checkpoint witnessed; inconsistent (no proof links them yet); forked (two roots for one size); or unreachable',
      ),
    detail: z.string().describe('Why, when the verdict is forked or unreachable'),
    checkpointsWitnessed: z.number().int(),
    largestWitnessedSize: z.number().int(),
    evidence: z.number().int().describe('Fork evidence records kept for this member'),
  })
  .openapi('PeerAudit');
