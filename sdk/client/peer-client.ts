import type { KeyObject } from 'node:crypto';
import { type PeerOperation, signPeerToken } from '../peer/index.js';
import { checkFeedPage } from './check-feed-page.js';
import { send, type TransportOptions } from './transport.js';

export interface PeerClientOptions extends TransportOptions {
  /** Base URL of the peer node, e.g. `http://127.0.0.1:8102`. */
  baseUrl: string;
  /** Our member id (token `iss`). */
  issuer: string;
  /** The peer's member id (token `aud`). */
  audience: string;
  /** Our peer-role key: a fresh token is signed with it for every request, and for every retry. */
  key: { kid: string; privateKey: KeyObject };
}

export interface FeedPage {
  records: { seq: number; jws: string }[];
  next: number;
  more: boolean;
  head: number;
  /** When the page was asked for with `size`: the records' leaves and one inclusion proof for all of them. */
  proof?: FeedProof;
}

/** Base64 leaf bytes (one per record, in order) and batch inclusion proof hashes; see verifyFeedInclusion. */
export interface FeedProof {
  treeSize: number;
  leaves: string[];
  hashes: string[];
}

/** Which part of a peer's feed to read: after a cursor, at most `limit` records, optionally proven against a tree `size`. */
export interface FeedQuery {
  after: number;
  limit?: number;
  /** Tree size of the peer's checkpoint you verified: records stop below it and come with `proof`. */
  size?: number;
}

export type PushOutcome =
  | { status: 'accepted'; id: string; seq: number }
  | { status: 'duplicate'; id: string }
  | { status: 'rejected'; id?: string; code: string; reason: string };

/**
 * Talks to another member's node over the federation API, signing a single-use peer token per request.
 * GETs are retried with backoff on network errors, timeouts and 502/503/504 (each retry with a new token);
 * a push never is. Failures throw SightlineApiError (`timeout`, `network_error`, or the peer's problem code).
 *
 * @example
 * const peer = createPeerClient({ baseUrl: 'http://127.0.0.1:8102', issuer: 'DE', audience: 'FR', key: peerKey });
 * for await (const page of peer.feedPages({ after: -1 })) console.log(page.records.length);
 */
export function createPeerClient(options: PeerClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const transport: TransportOptions = {
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    retryDelayMs: options.retryDelayMs,
    fetch: options.fetch,
  };

  async function call<T>(
    operation: PeerOperation,
    path: string,
    init: { method?: string; json?: unknown } = {},
  ): Promise<T> {
    const body = init.json === undefined ? undefined : JSON.stringify(init.json);
    const response = await send(async () => {
      const token = await signPeerToken({
        issuer: options.issuer,
        audience: options.audience,
        operation,
        key: options.key,
      });
      const headers = new Headers({ authorization: `Bearer ${token}` });
      if (body !== undefined) headers.set('content-type', 'application/json');
      return new Request(`${base}${path}`, { method: init.method ?? 'GET', headers, body });
    }, transport);
    return (await response.json()) as T;
  }

  function feed(query: FeedQuery): Promise<FeedPage> {
    const size = query.size === undefined ? '' : `&size=${query.size}`;
    return call('feed.read', `/fed/v1/feed?after=${query.after}&limit=${query.limit ?? 1000}${size}`);
  }

  async function* feedPages(query: FeedQuery): AsyncGenerator<FeedPage> {
    let after = query.after;
    for (;;) {
      const page = await feed({ ...query, after });
      checkFeedPage(page, after, query.size);
      yield page;
      if (!page.more) return;
      after = page.next;
    }
  }

  return {
    /**
     * One page of the peer's feed after `after` (its sequence numbers).
     *
     * @example
     * const { records, next, more } = await peer.feed({ after: savedCursor, limit: 500 });
     */
    feed,
    /**
     * Every page from `after` on, following `next` until `more` is false.
     *
     * @example
     * for await (const page of peer.feedPages({ after: -1 })) await store(page.records, page.next);
     */
    feedPages,
    /**
     * Every record of the peer's feed from `after` on, unverified (use syncFrom to verify and keep a cursor).
     *
     * @example
     * for await (const { seq, jws } of peer.feedRecords({ after: -1 })) console.log(seq, jws.length);
     */
    async *feedRecords(query: {
      after: number;
      limit?: number;
    }): AsyncGenerator<{ seq: number; jws: string }> {
      for await (const page of feedPages(query)) yield* page.records;
    },
    /**
     * Delivers records at once; each gets its own outcome (accepted, duplicate, or rejected with a code).
     *
     * @example
     * const [outcome] = await peer.push([jws]);
     * if (outcome?.status === 'rejected') console.warn(outcome.code, outcome.reason);
     */
    async push(records: readonly string[]): Promise<PushOutcome[]> {
      const { results } = await call<{ results: PushOutcome[] }>('inbox.push', '/fed/v1/inbox', {
        method: 'POST',
        json: { records },
      });
      return results;
    },
    /**
     * Any GET of the federation API under a given operation (log routes, checkpoints).
     *
     * @example
     * const { note } = await peer.get<{ note: string }>('log.read', '/fed/v1/log/checkpoint');
     */
    get<T>(operation: PeerOperation, path: string): Promise<T> {
      return call(operation, path);
    },
    /**
     * Any POST of the federation API under a given operation.
     *
     * @example
     * await peer.post('checkpoint.cosign', '/fed/v1/log/cosignature', { size, cosignature });
     */
    post<T>(operation: PeerOperation, path: string, json: unknown): Promise<T> {
      return call(operation, path, { method: 'POST', json });
    },
  };
}

export type PeerClient = ReturnType<typeof createPeerClient>;
