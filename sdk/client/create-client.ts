import { SightlineApiError } from './api-error.js';
import { createHttp, dataOf, type HttpOptions } from './http.js';
import { observationsApi } from './observations.js';
import type {
  Health,
  Jwks,
  MeasureObservations,
  MeasureReconciliationResponse,
  NodeDocument,
  PeerStatus,
  ProvenanceBundle,
  RecordView,
} from './types.js';

/** Where a member's own node is and how to talk to it. */
export type ClientOptions = HttpOptions;

/** A page of a measure's observations: at most `limit` (1-500, default 500), after `cursor`. */
export interface MeasurePage {
  limit?: number;
  cursor?: string;
}

/**
 * A typed client for a member's own node (its local API, authorized with an API token). Every non-2xx
 * answer throws SightlineApiError whose `code` is the node's problem code; `timeout` and `network_error`
 * when no answer arrived. Reads (GET) are retried with backoff on network errors, timeouts and 502/503/504;
 * writes never are.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://127.0.0.1:8080', token: process.env.SIGHTLINE_TOKEN! });
 * const { id } = await client.observations.create(body);
 * for await (const view of client.observations.iterate({ measureKey: 'MOFCOM-GAC-2023-23' })) console.log(view.id);
 */
export function createClient(options: ClientOptions) {
  const http = createHttp(options);
  const { api, request } = http;
  async function getMeasure(measureKey: string, page: MeasurePage = {}): Promise<MeasureObservations> {
    return dataOf(
      await api.GET('/v1/measures/{measureKey}', { params: { path: { measureKey }, query: page } }),
    );
  }
  return {
    observations: observationsApi(http),

    measures: {
      /**
       * One page (up to `limit`, default and most 500) of a measure's observations, newest first; pass
       * `next` back as `cursor` for the following page. Throws code `not_found` when the node has none.
       *
       * @example
       * const { items, next } = await client.measures.get('MOFCOM-GAC-2023-23');
       * const older = next ? await client.measures.get('MOFCOM-GAC-2023-23', { cursor: next }) : undefined;
       */
      get: getMeasure,

      /**
       * Every observation of a measure, newest first, following `next` cursors page by page. Like `get`, throws
       * code `not_found` when the node holds none (an observation search that matches nothing yields nothing).
       *
       * @example
       * for await (const view of client.measures.iterate('MOFCOM-GAC-2023-23')) console.log(view.id, view.status);
       */
      async *iterate(measureKey: string, page: Omit<MeasurePage, 'cursor'> = {}): AsyncGenerator<RecordView> {
        let cursor: string | undefined;
        do {
          const { items, next } = await getMeasure(
            measureKey,
            cursor === undefined ? page : { ...page, cursor },
          );
          yield* items;
          cursor = next ?? undefined;
        } while (cursor !== undefined);
      },

      /**
       * The node's reconciled picture of a measure (the SDK's `reconcile` over the records it holds).
       *
       * @example
       * const { measure } = await client.measures.reconciliation('MOFCOM-GAC-2023-23');
       * for (const finding of measure?.differentials ?? []) console.log(finding.disadvantaged, finding.advantaged);
       */
      async reconciliation(measureKey: string): Promise<MeasureReconciliationResponse> {
        return dataOf(
          await api.GET('/v1/measures/{measureKey}/reconciliation', { params: { path: { measureKey } } }),
        );
      },
    },

    peers: {
      /**
       * The federation registry of the node, with each peer's sync health.
       *
       * @example
       * for (const peer of await client.peers.list()) console.log(peer.id, peer.lag, peer.lastError);
       */
      async list(): Promise<PeerStatus[]> {
        return dataOf(await api.GET('/v1/peers')).peers;
      },
    },

    provenance: {
      /**
       * Where a record came from (author signature, relays, log inclusion), to check offline with
       * `verifyProvenance`.
       *
       * @example
       * const bundle = await client.provenance.get(id);
       */
      get(id: string): Promise<ProvenanceBundle> {
        return request<ProvenanceBundle>('GET', `/v1/observations/${encodeURIComponent(id)}/provenance`);
      },
    },

    /**
     * Whether the node is up and its database answers; a degraded node (503) is reported, not thrown.
     *
     * @example
     * const { status } = await client.health(); // 'ok' | 'degraded'
     */
    async health(): Promise<Health> {
      try {
        return dataOf(await api.GET('/health'));
      } catch (error) {
        if (
          error instanceof SightlineApiError &&
          error.status === 503 &&
          error.problem?.status === 'degraded'
        ) {
          return error.problem as unknown as Health;
        }
        throw error;
      }
    },

    /**
     * The node's identity document: member id and the thumbprints of its keys per role.
     *
     * @example
     * const { id, keys } = await client.identity();
     */
    async identity(): Promise<NodeDocument> {
      return dataOf(await api.GET('/.well-known/sightline'));
    },

    /**
     * The node's published public keys, current and retired (to load with `loadFederation`).
     *
     * @example
     * const pins = loadFederation({ members: [{ id, keys }] }, await client.jwks());
     */
    async jwks(): Promise<Jwks> {
      return dataOf(await api.GET('/.well-known/jwks.json'));
    },

    /** The typed openapi-fetch client over the same transport, for anything the facade does not cover. */
    api,
    /** An untyped JSON call over the same transport, for routes newer than this SDK's openapi.yaml. */
    request,
  };
}

export type SightlineClient = ReturnType<typeof createClient>;
