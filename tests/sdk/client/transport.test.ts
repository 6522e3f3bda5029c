import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../sdk/client/backoff.js';
import { createClient, createPeerClient } from '../../../sdk/client/index.js';
import { generateKeyPair } from '../../../sdk/keys/index.js';
import { expectApiError } from './expect-api-error.js';

// A tiny local server whose answers each test scripts: which attempts fail, and how.
type Answer = (req: IncomingMessage, res: ServerResponse) => void;
let script: Answer[] = [];
let seen: { method: string; url: string; authorization: string | undefined }[] = [];
let baseUrl: string;
const server = createServer((req, res) => {
  seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
  req.resume();
  const answer = script[Math.min(seen.length - 1, script.length - 1)];
  answer?.(req, res);
});

const json =
  (status: number, body: unknown, type = 'application/json'): Answer =>
  (_, res) => {
    res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
  };
const unavailable = json(
  503,
  { type: 'urn:sightline:problem:unavailable', title: 'busy', status: 503, code: 'unavailable' },
  'application/problem+json',
);
const healthy = { status: 'ok', member: 'DE', database: 'ready' };
const health = json(200, healthy);
const fast = { retryDelayMs: 1 };

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  script = [];
});

describe('retries', () => {
  it('retries a GET after two 503s and returns the third answer', async () => {
    script = [unavailable, unavailable, json(200, { items: [], next: null })];
    const client = createClient({ baseUrl, token: 't', retries: 2, ...fast });
    expect(await client.observations.list({ limit: 5 })).toEqual({ items: [], next: null });
    expect(seen.map((request) => request.url)).toEqual(Array(3).fill('/v1/observations?limit=5'));
  });

  it('gives up after `retries` and throws the last problem’s code', async () => {
    script = [unavailable];
    const client = createClient({ baseUrl, token: 't', retries: 1, ...fast });
    await expectApiError(client.observations.list(), 503, 'unavailable');
    expect(seen).toHaveLength(2);
  });

  it('retries 502 and 504 too', async () => {
    script = [json(502, {}), json(504, {}), health];
    const client = createClient({ baseUrl, token: 't', retries: 2, ...fast });
    expect(await client.request('GET', '/anything')).toEqual(healthy);
    expect(seen).toHaveLength(3);
  });

  it('never retries a POST', async () => {
    script = [unavailable, health];
    const client = createClient({ baseUrl, token: 't', retries: 3, ...fast });
    await expectApiError(client.observations.retract('a'.repeat(64), { reason: 'x' }), 503, 'unavailable');
    expect(seen).toEqual([expect.objectContaining({ method: 'POST' })]);
  });

  it('never retries a 4xx', async () => {
    script = [json(404, { code: 'not_found', title: 'record not found', status: 404 }), health];
    const client = createClient({ baseUrl, token: 't', retries: 3, ...fast });
    await expectApiError(client.observations.get('a'.repeat(64)), 404, 'not_found');
    expect(seen).toHaveLength(1);
  });

  it('gives a non-problem error body an http_<status> code', async () => {
    script = [(_, res) => res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>oops</h1>')];
    const client = createClient({ baseUrl, token: 't', retries: 2, ...fast });
    await expectApiError(client.observations.list(), 500, 'http_500');
    expect(seen).toHaveLength(1);
  });

  it('sends the token as a bearer on every attempt', async () => {
    script = [unavailable, health];
    expect(await createClient({ baseUrl, token: 'slt_secret', ...fast }).health()).toEqual(healthy);
    expect(seen.map((request) => request.authorization)).toEqual(['Bearer slt_secret', 'Bearer slt_secret']);
  });
});

describe('timeouts and network errors', () => {
  const silent: Answer = () => {};

  it('gives code timeout when no answer arrives in time, and retries a GET before that', async () => {
    script = [silent];
    const client = createClient({ baseUrl, token: 't', timeoutMs: 50, retries: 1, ...fast });
    const error = await expectApiError(client.observations.list(), 0, 'timeout');
    expect(error.message).toContain('50 ms');
    expect(seen).toHaveLength(2);
  });

  it('counts a body that stalls after the headers as a timeout', async () => {
    script = [(_, res) => res.writeHead(200, { 'content-type': 'application/json' }).write('{"items":')];
    const client = createClient({ baseUrl, token: 't', timeoutMs: 100, retries: 0 });
    await expectApiError(client.observations.list(), 0, 'timeout');
  });

  it('gives code network_error when nothing listens, after retrying', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const calls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const client = createClient({
      baseUrl: `http://127.0.0.1:${port}`,
      token: 't',
      retries: 2,
      fetch: counting,
      ...fast,
    });
    const error = await expectApiError(client.health(), 0, 'network_error');
    expect(error.message).toContain('ECONNREFUSED');
    expect(calls).toHaveLength(3);
  });

  it('refuses nonsense options', async () => {
    for (const options of [
      { timeoutMs: 0 },
      { retries: -1 },
      { retries: 1.5 },
      { retryDelayMs: Number.NaN },
    ]) {
      await expect(createClient({ baseUrl, token: 't', ...options }).health()).rejects.toMatchObject({
        code: 'invalid_option',
      });
    }
    expect(seen).toHaveLength(0);
  });
});

describe('peer client', () => {
  const key = generateKeyPair();
  const peer = (retries: number) =>
    createPeerClient({ baseUrl, issuer: 'DE', audience: 'FR', key, retries, ...fast });

  it('signs a fresh single-use token for every retry of a feed read', async () => {
    script = [unavailable, unavailable, json(200, { records: [], next: -1, more: false, head: 0 })];
    expect(await peer(2).feed({ after: -1 })).toEqual({ records: [], next: -1, more: false, head: 0 });
    const tokens = seen.map((request) => request.authorization);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(3);
  });

  it('never retries a push', async () => {
    script = [unavailable];
    await expectApiError(peer(3).push(['a.b.c']), 503, 'unavailable');
    expect(seen).toHaveLength(1);
  });

  it('feedRecords follows next across pages', async () => {
    script = [
      json(200, {
        records: [
          { seq: 0, jws: 'a' },
          { seq: 1, jws: 'b' },
        ],
        next: 1,
        more: true,
        head: 3,
      }),
      json(200, { records: [{ seq: 2, jws: 'c' }], next: 2, more: false, head: 3 }),
    ];
    const records = [];
    for await (const record of peer(0).feedRecords({ after: -1, limit: 2 })) records.push(record);
    expect(records.map((record) => record.jws)).toEqual(['a', 'b', 'c']);
    expect(seen.map((request) => request.url)).toEqual([
      '/fed/v1/feed?after=-1&limit=2',
      '/fed/v1/feed?after=1&limit=2',
    ]);
  });
});

describe('a peer whose feed does not move on', () => {
  const key = generateKeyPair();
  const pages = async (after: number, size?: number) => {
    const peer = createPeerClient({ baseUrl, issuer: 'DE', audience: 'FR', key, retries: 0, ...fast });
    for await (const _ of peer.feedPages({ after, ...(size === undefined ? {} : { size }) })) {
    }
  };

  it('is refused with invalid_feed instead of being asked for the same page forever', async () => {
    const stuck = json(200, { records: [], next: 3, more: true, head: 9 });
    script = [stuck, stuck, stuck];
    await expect(pages(3)).rejects.toMatchObject({ code: 'invalid_feed' });
    expect(seen).toHaveLength(1);
  });

  it('is refused when its cursor jumps past the tree it was asked under', async () => {
    // Taken, such a cursor would make every later pull from this peer look up to date.
    script = [json(200, { records: [], next: 9_007_199_254_740_000, more: false, head: 9 })];
    await expect(pages(3, 10)).rejects.toMatchObject({ code: 'invalid_feed' });
  });

  it('is refused when its records go backwards', async () => {
    script = [json(200, { records: [{ seq: 2, jws: 'a' }], next: 2, more: false, head: 3 })];
    await expect(pages(5)).rejects.toMatchObject({ code: 'invalid_feed' });
  });
});

describe('backoff', () => {
  it('doubles per attempt with jitter in the upper half, capped', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const ceiling = Math.min(1000, 100 * 2 ** attempt);
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelay(attempt, 100, 1000);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });
});
