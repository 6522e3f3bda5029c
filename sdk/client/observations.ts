import { dataOf, type Http } from './http.js';
import type {
  CreatedRecord,
  ObservationBody,
  ObservationFilters,
  ObservationQuery,
  RecordPage,
  RecordView,
} from './types.js';

/** The observation routes of a member's own node. */
export function observationsApi({ api }: Http) {
  async function list(query: ObservationQuery = {}): Promise<RecordPage> {
    return dataOf(await api.GET('/v1/observations', { params: { query } }));
  }

  return {
    /**
     * Records an observation: the node validates it, signs it as this member and stores it.
     *
     * @example
     * const { id, jws } = await client.observations.create(body);
     */
    async create(body: ObservationBody): Promise<CreatedRecord> {
      return dataOf(await api.POST('/v1/observations', { body }));
    },

    /**
     * One record with its JWS, lifecycle status and whether its signature verifies now.
     *
     * @example
     * const view = await client.observations.get(id);
     * if (view.status === 'superseded') console.log('corrected by', view.supersededBy);
     */
    async get(id: string): Promise<RecordView> {
      return dataOf(await api.GET('/v1/observations/{id}', { params: { path: { id } } }));
    },

    /**
     * One page of a search, newest first; pass `next` back as `cursor` for the following page.
     *
     * @example
     * const page = await client.observations.list({ measureKey: 'MOFCOM-GAC-2023-23', limit: 20 });
     * const more = page.next ? await client.observations.list({ measureKey: 'MOFCOM-GAC-2023-23', cursor: page.next }) : undefined;
     */
    list,

    /**
     * Every match of a search, following `next` cursors page by page.
     *
     * @example
     * for await (const view of client.observations.iterate({ hs: '8112', limit: 200 })) console.log(view.id);
     */
    async *iterate(filters: ObservationFilters = {}): AsyncGenerator<RecordView> {
      let cursor: string | undefined;
      do {
        const page = await list(cursor === undefined ? filters : { ...filters, cursor });
        yield* page.items;
        cursor = page.next ?? undefined;
      } while (cursor !== undefined);
    },

    /**
     * Corrects one of this member's records: a new signed version that supersedes it.
     *
     * @example
     * const corrected = await client.observations.supersede(id, { ...body, confidence: 'high' });
     */
    async supersede(id: string, body: ObservationBody): Promise<CreatedRecord> {
      return dataOf(await api.POST('/v1/observations/{id}/supersede', { params: { path: { id } }, body }));
    },

    /**
     * Retracts one of this member's records with a signed retraction (nothing is ever deleted).
     *
     * @example
     * await client.observations.retract(id, { reason: 'entered against the wrong measure' });
     */
    async retract(id: string, request: { reason: string }): Promise<CreatedRecord> {
      return dataOf(
        await api.POST('/v1/observations/{id}/retract', { params: { path: { id } }, body: request }),
      );
    },
  };
}
