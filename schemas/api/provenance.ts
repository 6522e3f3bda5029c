import { memberIdSchema, recordIdSchema } from '../common.js';
import { z } from '../zod.js';
import { publicJwkSchema } from './node.js';

/** A log's statement about one leaf: the leaf bytes, where it is, the proof, and the signed checkpoint. */
export const logInclusionSchema = z
  .object({
    member: memberIdSchema.describe('Whose log this is'),
    origin: z.string().describe('C2SP checkpoint origin = the log key name'),
    leaf: z.string().describe('Leaf bytes (RFC 8785 JSON), base64'),
    leafIndex: z.number().int(),
    treeSize: z.number().int(),
    hashes: z.array(z.string()).describe('RFC 9162 inclusion proof, base64'),
    checkpoint: z.string().describe('Signed checkpoint note of treeSize, with witness cosignatures'),
  })
  .openapi('LogInclusion');

/** Everything needed to verify a record offline, given the members' pinned public keys. */
export const provenanceBundleSchema = z
  .object({
    version: z.literal(1),
    record: z.object({ id: recordIdSchema, jws: z.string() }),
    author: z.object({
      member: memberIdSchema,
      key: publicJwkSchema.describe('The record key that signed it; kid = RFC 7638 thumbprint'),
    }),
    node: z.object({
      member: memberIdSchema,
      logKey: publicJwkSchema.describe("The log key that signed this node's checkpoint"),
    }),
    hop: z.object({
      from: z.string().describe('`self` (authored here) or the member whose node delivered it first'),
      receivedAt: z.string(),
      receipts: z.array(
        z.object({ from: z.string(), receivedAt: z.string(), senderSeq: z.number().int().nullable() }),
      ),
    }),
    log: logInclusionSchema.describe("This node's log"),
    upstream: logInclusionSchema
      .extend({ logKey: publicJwkSchema })
      .optional()
      .describe(
        "When relayed: the delivering node's log proof for the record, checked against the checkpoint this node witnessed",
      ),
    notes: z.array(z.string()).describe('What the bundle could not include, and why'),
  })
  .openapi('ProvenanceBundle');

export type ProvenanceBundle = z.infer<typeof provenanceBundleSchema>;
export type LogInclusion = z.infer<typeof logInclusionSchema>;
