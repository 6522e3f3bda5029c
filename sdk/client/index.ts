export { type ApiFieldError, apiErrorFrom, SightlineApiError } from './api-error.js';
export { type ClientOptions, createClient, type MeasurePage, type SightlineClient } from './create-client.js';
export type { RawRequest } from './http.js';
export {
  createPeerClient,
  type FeedPage,
  type FeedProof,
  type FeedQuery,
  type PeerClient,
  type PeerClientOptions,
  type PushOutcome,
} from './peer-client.js';
export { send, type TransportOptions } from './transport.js';
export type {
  CreatedRecord,
  Health,
  Jwks,
  MeasureObservations,
  MeasureReconciliationResponse,
  NodeDocument,
  ObservationBody,
  ObservationFilters,
  ObservationQuery,
  PeerStatus,
  Problem,
  ProvenanceBundle,
  RecordPage,
  RecordView,
} from './types.js';
