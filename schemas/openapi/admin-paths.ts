import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { keyEventSchema, revokeKeyRequestSchema, rotateKeyRequestSchema } from '../api/keys.js';
import {
  peerAuditSchema,
  peerIdentitySchema,
  peerListSchema,
  peerPreviewRequestSchema,
  peerStatusSchema,
} from '../api/peers.js';
import { z } from '../zod.js';
import { authProblems, json, problems } from './responses.js';

/** Operator routes: the federation registry, sync, keys. */
export function registerAdminPaths(registry: OpenAPIRegistry): void {
  const bearer = [{ apiToken: [] }];
  const body = (schema: z.ZodType) => ({
    body: { required: true, content: { 'application/json': { schema } } },
  });
  const bodyProblems = { 400: 'Malformed JSON', 415: 'Not JSON', 422: 'Invalid body (validation_failed)' };
  const memberPath = z.object({ member: z.string().describe('Member id: ISO 3166-1 alpha-2 or EU') });
  const memberPathProblem = { 400: 'Not a member id (invalid_member_id)' };
  registry.registerPath({
    method: 'get',
    path: '/v1/peers',
    summary:
      'The federation registry and each peer’s sync health (last success, error, received, rejected, lag)',
    tags: ['peers'],
    security: bearer,
    responses: { 200: json('Peers', peerListSchema), ...problems(authProblems) },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/peers/preview',
    summary: 'Fetch a node’s identity and key thumbprints, to confirm out of band before pinning',
    tags: ['peers'],
    security: bearer,
    request: body(peerPreviewRequestSchema),
    responses: {
      200: json('The identity', peerIdentitySchema),
      ...problems({
        ...bodyProblems,
        ...authProblems,
        422: 'Unreachable or inconsistent peer (peer_unreachable, peer_invalid)',
      }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/peers',
    summary: 'Pin a member’s key thumbprints; with a URL, peer with it',
    tags: ['peers'],
    security: bearer,
    request: body(peerIdentitySchema),
    responses: {
      201: json('The peer', peerStatusSchema),
      ...problems({
        ...bodyProblems,
        ...authProblems,
        409: 'Key pinned elsewhere or self (key_conflict, self_member)',
      }),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/v1/peers/{member}',
    summary: 'Unpin a member (records already taken stay)',
    tags: ['peers'],
    security: bearer,
    request: { params: memberPath },
    responses: {
      204: { description: 'Removed' },
      ...problems({ ...memberPathProblem, ...authProblems, 404: 'Not in the registry' }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/peers/{member}/audit',
    summary: 'Check the peer’s current checkpoint against every checkpoint of it this node witnessed',
    tags: ['peers'],
    security: bearer,
    request: { params: memberPath },
    responses: {
      200: json('The verdict', peerAuditSchema),
      ...problems({ ...memberPathProblem, ...authProblems, 404: 'Not a peer with a URL' }),
    },
  });
  for (const path of ['/v1/peers/{member}/sync', '/v1/sync']) {
    registry.registerPath({
      method: 'post',
      path,
      summary:
        'Pull now; NDJSON lines: {type:"page",...} per committed page, then {type:"done"} or {type:"error"}',
      tags: ['peers'],
      security: bearer,
      ...(path.includes('{member}') ? { request: { params: memberPath } } : {}),
      responses: {
        200: { description: 'Progress', content: { 'application/x-ndjson': { schema: z.string() } } },
        ...problems(path.includes('{member}') ? { ...memberPathProblem, ...authProblems } : authProblems),
      },
    });
  }
  registry.registerPath({
    method: 'post',
    path: '/v1/keys/rotate',
    summary: 'Replace the key of a role; the announcement is signed by the old key',
    tags: ['keys'],
    security: bearer,
    request: body(rotateKeyRequestSchema),
    responses: {
      201: json('The rotation', keyEventSchema),
      ...problems({
        ...bodyProblems,
        ...authProblems,
        409: 'The node made as many key announcements as peers take up per member (key_events_exhausted)',
      }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/keys/revoke',
    summary: 'Mark a retired key compromised from a time on',
    tags: ['keys'],
    security: bearer,
    request: body(revokeKeyRequestSchema),
    responses: {
      201: json('The revocation', keyEventSchema),
      ...problems({
        ...bodyProblems,
        ...authProblems,
        404: 'Unknown key',
        409: 'Key in use: rotate first (rotate_first); already revoked from that time or earlier (already_revoked); or as many key announcements made as peers take up per member (key_events_exhausted)',
      }),
    },
  });
}
