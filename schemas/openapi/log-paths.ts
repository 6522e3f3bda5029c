import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  checkpointQuerySchema,
  consistencyProofSchema,
  consistencyQuerySchema,
  cosignatureReceiptSchema,
  cosignatureRequestSchema,
  inclusionProofSchema,
  inclusionQuerySchema,
  logCheckpointSchema,
} from '../api/log.js';
import { z } from '../zod.js';
import { json, problems } from './responses.js';

const readAuthProblems = {
  401: 'Missing or invalid token (codes unauthorized, invalid_token, or a peer token error code)',
  403: 'The API token lacks the reader role (code forbidden)',
};

/** The verifiable log (federation API): readable with a peer token (`log.read`) or a reader API token. */
export function registerLogPaths(registry: OpenAPIRegistry): void {
  const readers: Array<Record<string, string[]>> = [{ peerToken: [] }, { apiToken: [] }];
  registry.registerPath({
    method: 'get',
    path: '/fed/v1/log/checkpoint',
    summary: "The log's latest checkpoint, with the cosignatures witnesses gave it",
    description:
      'A C2SP tlog-checkpoint signed note (origin `<member>.sightline/log`, signed by the log key of that name); witness cosignatures (C2SP tlog-cosignature, key name `<member>.sightline/witness`) follow as further signature lines. A new checkpoint is signed when the log has grown since the last one.',
    tags: ['log'],
    security: readers,
    request: { query: checkpointQuerySchema },
    responses: {
      200: {
        description: 'The signed note (text/plain), or its fields with `format=json`',
        content: {
          'text/plain': { schema: z.string() },
          'application/json': { schema: logCheckpointSchema },
        },
      },
      ...problems({ 400: 'Bad query (code invalid_query)', ...readAuthProblems }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/fed/v1/log/cosignature',
    summary: "A witness returns its cosignature of one of this node's checkpoints",
    tags: ['log'],
    security: [{ peerToken: [] }],
    request: {
      body: { required: true, content: { 'application/json': { schema: cosignatureRequestSchema } } },
    },
    responses: {
      200: json('This witness key had already cosigned the checkpoint', cosignatureReceiptSchema),
      201: json('Stored; served with the checkpoint from now on', cosignatureReceiptSchema),
      ...problems({
        400: 'Malformed JSON or signature line (codes malformed_json, malformed_cosignature)',
        401: 'Missing, invalid or replayed peer token (operation checkpoint.cosign)',
        404: 'This node signed no checkpoint of that size (code unknown_checkpoint)',
        415: 'Body is not application/json (code unsupported_media_type)',
        422: 'Invalid body, not a pinned witness key of the caller, or a bad signature (codes validation_failed, unknown_witness_key, invalid_cosignature)',
      }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/fed/v1/log/proof/inclusion',
    summary: 'A leaf and its inclusion proof, by record id or leaf index',
    tags: ['log'],
    security: readers,
    request: { query: inclusionQuerySchema },
    responses: {
      200: json('The leaf and its RFC 9162 inclusion proof', inclusionProofSchema),
      ...problems({
        400: 'Bad query, tree size beyond the log, or leaf not in that tree (codes invalid_query, tree_size_beyond_head, leaf_beyond_tree)',
        404: 'No leaf logs that record (code not_found)',
        ...readAuthProblems,
      }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/fed/v1/log/proof/consistency',
    summary: 'A consistency proof between two tree sizes',
    tags: ['log'],
    security: readers,
    request: { query: consistencyQuerySchema },
    responses: {
      200: json('The RFC 9162 consistency proof', consistencyProofSchema),
      ...problems({
        400: 'Bad query, to beyond the log, or from > to (codes invalid_query, tree_size_beyond_head, invalid_tree_range)',
        ...readAuthProblems,
      }),
    },
  });
}
