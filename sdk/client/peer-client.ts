import type { KeyObject } from 'node:crypto';
import { type PeerOperation, signPeerToken } from '../peer/index.js';
import { apiErrorFrom, SightlineApiError } from './api-error.js';

export interface PeerClientOptions {
  /** Base URL of the peer node, e.g. `http://127.0.0.1:8102`. */
  baseUrl: string;
  /** Our member id (token `iss`). */
  issuer: string;
  /** The peer's member id (token `aud`). */
  audience: string;
  /** Our peer-role key: a fresh token is signed with it for every request. */
  key: { kid: string; privateKey: KeyObject };
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface FeedPage {
  records: { seq: number; jws: string }[];
  next: number;
  more: boolean;
  head: number;
}

export type PushOutcome =
  | { status: 'accepted'; id: string; seq: number }
  | { status: 'duplicate'; id: string }
  | { status: 'rejected'; id?: string; code: string; reason: string };

/**
 * Talks to another member's node over the federation API, signing a single-use peer token per request.
 *
 * @example
 * const peer = createPeerClient({ baseUrl: 'http://127.0.0.1:8102', issuer: 'DE', audience: 'FR', key: peerKey });
 * for await (const page of peer.feedPages({ after: -1 })) console.log(page.records.length);
 */
export function createPeerClient(options: PeerClientOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call<T>(operation: PeerOperation, path: string, init: RequestInit = {}): Promise<T> {
    const token = await signPeerToken({
      issuer: options.issuer,
      audience: options.audience,
      operation,
      key: options.key,
    });
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        ...init,
        headers,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new SightlineApiError(
        0,
        timedOut ? 'timeout' : 'network_error',
        `${base}${path}: ${(error as Error).message}`,
      );
    }
    if (!response.ok) throw await apiErrorFrom(response);
    return (await response.json()) as T;
  }

  return {
    /** One page of the peer's feed after `after` (its sequence numbers). */
    feed(query: { after: number; limit?: number }): Promise<FeedPage> {
      return call('feed.read', `/fed/v1/feed?after=${query.after}&limit=${query.limit ?? 1000}`);
    },
    /** Every page from `after` on, following `next` until `more` is false. */
    async *feedPages(query: { after: number; limit?: number }): AsyncGenerator<FeedPage> {
      let after = query.after;
      for (;;) {
        const page = await this.feed({ after, limit: query.limit });
        yield page;
        if (!page.more) return;
        after = page.next;
      }
    },
    /** Delivers records at once; each gets its own outcome. */
    async push(records: readonly string[]): Promise<PushOutcome[]> {
      const body = JSON.stringify({ records });
      const { results } = await call<{ results: PushOutcome[] }>('inbox.push', '/fed/v1/inbox', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return results;
    },
    /** Any GET of the federation API under a given operation (log routes, checkpoints). */
    get<T>(operation: PeerOperation, path: string): Promise<T> {
      return call(operation, path);
    },
    /** Any POST of the federation API under a given operation. */
    post<T>(operation: PeerOperation, path: string, json: unknown): Promise<T> {
      return call(operation, path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(json),
      });
    },
  };
}

export type PeerClient = ReturnType<typeof createPeerClient>;
