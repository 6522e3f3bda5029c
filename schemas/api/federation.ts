import { memberIdSchema, queryInteger, recordIdSchema } from '../common.js';
import { z } from '../zod.js';

export const feedQuerySchema = z
  .object({
    after: queryInteger(z.number().int().min(-1))
      .default(-1)
      .describe('Sequence number of the last record already taken; -1 from the start'),
    limit: queryInteger(z.number().int().min(1).max(1000)).default(1000),
    size: queryInteger(z.number().int().min(1))
      .optional()
      .describe(
        "Tree size of this node's checkpoint the caller verified: the page then stops below it and carries `proof`, which shows every record of the page is in that tree",
      ),
  })
  .strict();

export const feedProofSchema = z
  .object({
    treeSize: z.number().int().describe('The `size` asked for'),
    leaves: z
      .array(z.string())
      .describe("Base64 of each record's leaf bytes in this node's log, in the order of `records`"),
    hashes: z
      .array(z.string())
      .describe(
        'Base64 hashes of the subtrees holding none of the records, left to right (batch inclusion proof)',
      ),
  })
  .openapi('FeedProof');

export const feedPageSchema = z
  .object({
    records: z
      .array(z.object({ seq: z.number().int(), jws: z.string() }))
      .describe('In strictly increasing seq order, JWS byte for byte as signed'),
    next: z.number().int().describe('Pass as `after` for the next page (last sequence number examined)'),
    more: z.boolean(),
    head: z.number().int().describe("Size of this node's log"),
    proof: feedProofSchema.optional().describe('Present when `size` was given and the page has records'),
  })
  .openapi('FeedPage');

export const inboxRequestSchema = z
  // A JWS of the largest record (64 KiB of body, base64url) is under 100,000 characters.
  .object({ records: z.array(z.string().max(100_000)).min(1).max(1000) })
  .strict()
  .openapi('InboxRequest');

export const ingestOutcomeSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('accepted'), id: recordIdSchema, seq: z.number().int() }),
    z.object({ status: z.literal('duplicate'), id: recordIdSchema }),
    z.object({
      status: z.literal('rejected'),
      id: recordIdSchema.optional(),
      code: z.string(),
      reason: z.string(),
    }),
  ])
  .openapi('IngestOutcome');

export const inboxResponseSchema = z
  .object({ results: z.array(ingestOutcomeSchema) })
  .openapi('InboxResponse');

export const relayedKeysSchema = z
  .object({
    keys: z.array(
      z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string() }).passthrough(),
    ),
  })
  .openapi('RelayedKeys');

/** A key pin: the key's RFC 7638 SHA-256 thumbprint, which is also its kid. */
export const keyThumbprintSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'an RFC 7638 SHA-256 thumbprint: 43 base64url characters');

const pinsOfRole = z.array(keyThumbprintSchema).max(32).default([]);

export const memberKeyPinsSchema = z
  .object({ record: pinsOfRole, log: pinsOfRole, witness: pinsOfRole, peer: pinsOfRole })
  .strict();

/**
 * A member's record keys from before its latest rotations, not revoked: they verify the records they signed,
 * so a member joining later can take the member's earlier records, and sign nothing else (no key
 * announcement). Only records outlive their key: tokens, checkpoints and cosignatures are checked against
 * the keys in force.
 */
export const formerKeyPinsSchema = z
  .object({ record: z.array(keyThumbprintSchema).max(256).default([]) })
  .strict();

/**
 * A member's base URL. Credentials would be shown to every reader of the peer list, and a query or fragment
 * would be cut off the paths the node appends, so neither is accepted.
 */
export const peerUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((value) => {
    // Refinements run even when the URL check failed; that failure is reported already.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return !url.username && !url.password && !/[?#]/.test(value);
  }, 'a base URL without credentials, query or fragment');

export const federationFileSchema = z
  .object({
    members: z.array(
      z
        .object({
          id: memberIdSchema,
          url: peerUrlSchema.optional(),
          keys: memberKeyPinsSchema,
          formerKeys: formerKeyPinsSchema.optional(),
        })
        .strict(),
    ),
  })
  .strict();

export type FederationFile = z.infer<typeof federationFileSchema>;
