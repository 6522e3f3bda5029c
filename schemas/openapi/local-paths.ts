import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  createdRecordSchema,
  listObservationsQuerySchema,
  measureQuerySchema,
  measureViewSchema,
  recordPageSchema,
  recordViewSchema,
  retractRequestSchema,
} from '../api/observations.js';
import { provenanceBundleSchema } from '../api/provenance.js';
import { recordIdSchema } from '../common.js';
import { observationBodySchema } from '../observation/body.js';
import { z } from '../zod.js';

const measureReconciliationResponseSchema = z
  .object({
    measureKey: z.string(),
    measure: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe('MeasureReconciliation: see the SDK types'),
    excluded: z.array(z.record(z.string(), z.unknown())),
    retracted: z.array(z.record(z.string(), z.unknown())),
    superseded: z.array(z.record(z.string(), z.unknown())),
    forks: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('MeasureReconciliationResponse');

import { authProblems, json, problems } from './responses.js';

const idParams = z.object({ id: recordIdSchema });
const bodyProblems = {
  400: 'Malformed JSON or bad path parameter (codes malformed_json, invalid_record_id)',
  413: 'Body over 256 KiB (code payload_too_large)',
  415: 'Body is not application/json (code unsupported_media_type)',
  422: 'The body fails validation; `errors` names every failing field (code validation_failed)',
};

/** The member's own API: observations and measures. */
export function registerLocalPaths(registry: OpenAPIRegistry): void {
  const bearer = [{ apiToken: [] }];
  registry.registerPath({
    method: 'post',
    path: '/v1/observations',
    summary: 'Record an observation: validated, signed as this member, stored',
    tags: ['observations'],
    security: bearer,
    request: { body: { required: true, content: { 'application/json': { schema: observationBodySchema } } } },
    responses: {
      201: json('The signed record', createdRecordSchema),
      ...problems({ ...bodyProblems, ...authProblems }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/observations',
    summary: 'Search observations (keyset pagination, newest first)',
    tags: ['observations'],
    security: bearer,
    request: { query: listObservationsQuerySchema },
    responses: {
      200: json('A page of records', recordPageSchema),
      ...problems({ 400: 'Bad query (codes invalid_query, invalid_cursor)', ...authProblems }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/observations/{id}',
    summary: 'A record, its JWS, author, lifecycle status and whether its signature verifies',
    tags: ['observations'],
    security: bearer,
    request: { params: idParams },
    responses: {
      200: json('The record', recordViewSchema),
      ...problems({ 400: 'Bad id', 404: 'Unknown record (code not_found)', ...authProblems }),
    },
  });
  const lifecycleProblems = {
    ...bodyProblems,
    ...authProblems,
    404: 'Unknown record (code not_found)',
    409: 'Already superseded or retracted (codes already_superseded, already_retracted, not_an_observation)',
  };
  registry.registerPath({
    method: 'post',
    path: '/v1/observations/{id}/supersede',
    summary: "Correct one of this member's records with a new signed version",
    tags: ['observations'],
    security: bearer,
    request: {
      params: idParams,
      body: { required: true, content: { 'application/json': { schema: observationBodySchema } } },
    },
    responses: {
      201: json('The new record', createdRecordSchema),
      ...problems({
        ...lifecycleProblems,
        403: 'Not this member’s record (code not_original_author) or role (forbidden)',
      }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/observations/{id}/retract',
    summary: "Retract one of this member's records with a signed retraction",
    tags: ['observations'],
    security: bearer,
    request: {
      params: idParams,
      body: { required: true, content: { 'application/json': { schema: retractRequestSchema } } },
    },
    responses: {
      201: json('The retraction record', createdRecordSchema),
      ...problems({
        ...lifecycleProblems,
        403: 'Not this member’s record (code not_original_author) or role (forbidden)',
      }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/measures/{measureKey}',
    summary: "A measure's observations, newest first, in pages",
    description:
      'Up to `limit` (default and most 500) per page; pass `next` back as `cursor` for older ones. A cursor past the last page gives an empty page, not a 404.',
    tags: ['measures'],
    security: bearer,
    request: { params: z.object({ measureKey: z.string() }), query: measureQuerySchema },
    responses: {
      200: json('Observations of the measure', measureViewSchema),
      ...problems({
        400: 'Bad measure key, query or cursor (codes invalid_measure_key, invalid_query, invalid_cursor)',
        404: 'The node holds no observation of the measure (code not_found)',
        ...authProblems,
      }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/observations/{id}/provenance',
    summary: 'Everything an auditor needs to verify a record offline',
    description:
      "The JWS and its author's key; the record's leaf, inclusion proof and cosigned checkpoint in this node's log; the hop it came from and every receipt; and, for a record received from a peer's feed, that node's inclusion proof for it. Check it with the SDK's verifyProvenance and pinned keys alone.",
    tags: ['observations'],
    security: bearer,
    request: { params: idParams },
    responses: {
      200: json('The provenance bundle', provenanceBundleSchema),
      ...problems({ 400: 'Bad record id', 404: 'Unknown record (code not_found)', ...authProblems }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/measures/{measureKey}/reconciliation',
    summary: 'The reconciled picture of a measure across members (the SDK reconcile() over verified records)',
    description:
      'Per measure: what each member asserts (corroborated or in conflict), claims normalized to (kind, item, destination, period, outcome), differential treatment of destinations, and a timeline. Every finding cites record ids and members.',
    tags: ['measures'],
    security: bearer,
    request: { params: z.object({ measureKey: z.string() }) },
    responses: {
      200: json('The reconciliation', measureReconciliationResponseSchema),
      ...problems({
        400: 'Bad measure key (code invalid_measure_key)',
        404: 'No observations (code not_found)',
        ...authProblems,
      }),
    },
  });
}
