import { memberIdSchema, recordIdSchema } from '../common.js';
import { z } from '../zod.js';

/** A tree size or leaf index in a query string: a decimal uint64, read as bigint. */
const treeIndexParam = z
  .string()
  .regex(/^(?:0|[1-9][0-9]{0,19})$/, 'must be a non-negative decimal integer')
  .transform((value) => BigInt(value));

const base64Hash = z.base64().describe('A SHA-256 hash, base64 (standard alphabet, padded)');

export const checkpointQuerySchema = z
  .object({
    format: z
      .enum(['note', 'json'])
      .default('note')
      .describe('`note`: the C2SP signed note as text/plain; `json`: the same with its fields parsed'),
  })
  .strict();

export const logCheckpointSchema = z
  .object({
    origin: z.string().describe('C2SP checkpoint origin, also the log key name: `<member>.sightline/log`'),
    size: z.number().int().min(0),
    rootHash: base64Hash.describe('RFC 6962 root hash of the tree of `size` leaves, base64'),
    note: z.string().describe('The signed note, the log signature first, then witness cosignature lines'),
  })
  .openapi('LogCheckpoint');

export const inclusionQuerySchema = z
  .object({
    id: recordIdSchema.optional().describe('The record whose leaf to prove (or give `index`)'),
    index: treeIndexParam.optional().describe('The leaf index to prove (or give `id`)'),
    size: treeIndexParam.optional().describe('Tree size; default the latest checkpoint'),
  })
  .strict()
  .refine((query) => (query.id === undefined) !== (query.index === undefined), {
    message: 'give exactly one of id and index',
    path: ['id'],
  });

export const inclusionProofSchema = z
  .object({
    leafIndex: z.number().int().min(0),
    treeSize: z.number().int().min(1),
    leaf: z.base64().describe('The leaf bytes (RFC 8785 JSON), base64; its RFC 6962 leaf hash is proven'),
    hashes: z.array(base64Hash).describe('RFC 9162 inclusion proof, leaf side first'),
  })
  .openapi('InclusionProof');

export const consistencyQuerySchema = z
  .object({
    from: treeIndexParam.describe('The older tree size'),
    to: treeIndexParam.optional().describe('The newer tree size; default the latest checkpoint'),
  })
  .strict();

export const consistencyProofSchema = z
  .object({
    from: z.number().int().min(0),
    to: z.number().int().min(0),
    hashes: z.array(base64Hash).describe('RFC 9162 consistency proof; empty when from is 0 or equals to'),
  })
  .openapi('ConsistencyProof');

export const cosignatureRequestSchema = z
  .object({
    size: z.number().int().min(0).describe('Size of the checkpoint (of this node) that was cosigned'),
    cosignature: z
      .string()
      .max(1000)
      .describe(
        'One C2SP tlog-cosignature/v1 signature line by the caller’s witness key `<member>.sightline/witness`',
      ),
  })
  .strict()
  .openapi('CosignatureRequest');

export const cosignatureReceiptSchema = z
  .object({
    size: z.number().int().min(0),
    witness: memberIdSchema,
    stored: z.boolean().describe('false when this witness key had already cosigned this checkpoint'),
  })
  .openapi('CosignatureReceipt');

export type LogCheckpoint = z.infer<typeof logCheckpointSchema>;
export type InclusionProof = z.infer<typeof inclusionProofSchema>;
export type ConsistencyProof = z.infer<typeof consistencyProofSchema>;
export type CosignatureRequest = z.infer<typeof cosignatureRequestSchema>;
export type CosignatureReceipt = z.infer<typeof cosignatureReceiptSchema>;
