import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  feedPageSchema,
  feedQuerySchema,
  inboxRequestSchema,
  inboxResponseSchema,
  relayedKeysSchema,
} from '../api/federation.js';
import { json, problems } from './responses.js';

const peerProblems = {
  401: 'Peer token missing, malformed, expired, not yet valid, replayed, from an unknown issuer or key, or badly signed (codes token_*)',
  403: 'Peer token for another audience or operation (codes token_bad_audience, token_wrong_operation)',
};

/** Node-to-node routes, authenticated with peer tokens (short-lived JWTs signed by a member's peer key). */
export function registerFederationPaths(registry: OpenAPIRegistry): void {
  const peer = [{ peerToken: [] }];
  registry.registerPath({
    method: 'get',
    path: '/fed/v1/feed',
    summary: 'Records the calling member may receive, in log order, each JWS byte for byte',
    description:
      'Operation feed.read. TLP is enforced here, by the sender: RED never leaves, AMBER only to named recipients and only from its author.',
    tags: ['federation'],
    security: peer,
    request: { query: feedQuerySchema },
    responses: {
      200: json('A feed page', feedPageSchema),
      ...problems({
        400: 'Bad query, cursor beyond the head or the tree size asked for, or tree size beyond the head (codes invalid_query, cursor_beyond_head, cursor_beyond_size, size_beyond_head)',
        ...peerProblems,
      }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/fed/v1/inbox',
    summary: 'Deliver records now; each gets its own outcome (accepted, duplicate, rejected with reason)',
    tags: ['federation'],
    security: peer,
    request: { body: { required: true, content: { 'application/json': { schema: inboxRequestSchema } } } },
    responses: {
      200: json('Per-record outcomes', inboxResponseSchema),
      ...problems({
        400: 'Malformed JSON',
        413: 'Body too large',
        415: 'Not JSON',
        422: 'Invalid batch',
        ...peerProblems,
      }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/fed/v1/keys',
    summary:
      'Public keys this node holds (its own and its members’) and signed key announcements, for relays',
    tags: ['federation'],
    responses: { 200: json('Keys', relayedKeysSchema) },
  });
}
