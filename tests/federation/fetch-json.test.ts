import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson } from '../../api/fed/fetch-json.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url === '/huge') res.end(JSON.stringify({ keys: ['x'.repeat(2 * 1024 * 1024)] }));
    else res.end(JSON.stringify({ keys: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server?.close(resolve)));

describe("fetching a peer's JSON", () => {
  it('reads a small answer', async () => {
    expect(await fetchJson(`${base}/small`)).toEqual({ keys: [] });
  });

  it('stops reading an answer over 1 MiB', async () => {
    await expect(fetchJson(`${base}/huge`)).rejects.toThrow(/answered more than/);
  });
});
