import type { components, paths } from '../generated/openapi.js';

type Schemas = components['schemas'];

/** The body of a new observation (or of a correction): what an analyst records. */
export type ObservationBody = Schemas['ObservationBody'];
/** What the node answers to a create, supersede or retract: the record id, its JWS and the signed record. */
export type CreatedRecord = Schemas['CreatedRecord'];
/** A record as the node holds it: JWS, payload, lifecycle status, where it came from. */
export type RecordView = Schemas['RecordView'];
/** One page of a search; `next` is the cursor of the following page, null on the last. */
export type RecordPage = Schemas['RecordPage'];
/** A measure's observations, newest first. */
export type MeasureObservations = Schemas['MeasureObservations'];
/** A node's reconciled picture of one measure. */
export type MeasureReconciliationResponse = Schemas['MeasureReconciliationResponse'];
/** The node's liveness and database readiness. */
export type Health = Schemas['Health'];
/** Who a node says it is: member id, API base, key thumbprints per role. */
export type NodeDocument = Schemas['NodeDocument'];
/** A node's published keys. */
export type Jwks = Schemas['Jwks'];
/** A problem+json body as a node sends it. */
export type Problem = Schemas['Problem'];

/** Search filters and paging of `GET /v1/observations`. */
export type ObservationQuery = NonNullable<paths['/v1/observations']['get']['parameters']['query']>;
/** Search filters without paging, for iterating over every match. */
export type ObservationFilters = Omit<ObservationQuery, 'cursor'>;

/** A peer in the node's registry with its sync health. */
export type PeerStatus = Schemas['PeerStatus'];

type JsonOfGet<P extends string, Fallback> = P extends keyof paths
  ? paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } }
    ? T
    : Fallback
  : Fallback;

/**
 * Everything a node can show about where a record came from. Typed from openapi.yaml once the route is
 * there; until then a plain JSON object, to be checked with `verifyProvenance`.
 */
export type ProvenanceBundle = JsonOfGet<'/v1/observations/{id}/provenance', { [key: string]: unknown }>;
