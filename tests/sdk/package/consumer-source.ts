/**
 * A consumer of the packed SDK, as a member's engineer would write it: compiled with `tsc --strict` in a
 * fresh project that has only `@sightline/sdk` (and @types/node) installed, then run against a live node.
 * Prints one JSON line of what it saw.
 */
export const consumerSource = `
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createClient,
  createPeerClient,
  generateKeyPair,
  loadFederation,
  type ObservationBody,
  publicJwk,
  reconcile,
  SightlineApiError,
  syncFrom,
  type VerifiedRecord,
  verifyRecord,
} from '@sightline/sdk';

const [baseUrl, token] = process.argv.slice(2) as [string, string];
const client = createClient({ baseUrl, token, timeoutMs: 20_000 });

// Connect, list, create.
const health = await client.health();
const first = await client.observations.list({ limit: 5 });
const template = first.items.map((view) => view.record).find((record) => record.type === 'observation');
if (template?.type !== 'observation') throw new Error('the node has no observation to copy');
const { type, author, createdAt, nonce, supersedes, ...copy } = template;
const body: ObservationBody = { ...copy, confidence: 'high' };
const created = await client.observations.create(body);

// Iterate and read back.
const iterated: string[] = [];
for await (const view of client.observations.iterate({ limit: 7 })) iterated.push(view.id);
const view = await client.observations.get(created.id);

// Verify offline against the node's published keys (pins confirmed out of band in real life).
const { id: member, keys } = await client.identity();
const federation = loadFederation({ members: [{ id: member, keys }] }, await client.jwks());
const verified = verifyRecord(view.jws, federation.records.resolve);

// Sync into a Map as a peer: publish our peer key, have the node pin it, then pull its feed.
const peerKey = generateKeyPair();
const jwksServer = createServer((_, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk(peerKey.publicKey)] }));
});
await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
const jwksUrl = 'http://127.0.0.1:' + (jwksServer.address() as AddressInfo).port;
await client.request('POST', '/v1/peers', { json: { id: 'NL', url: jwksUrl, keys: { peer: [peerKey.kid] } } });
const peer = createPeerClient({ baseUrl, issuer: 'NL', audience: member, key: peerKey });
const mirror = new Map<string, VerifiedRecord>();
let cursor = -1;
const synced = await syncFrom(peer, {
  after: cursor,
  keys: federation.records,
  limit: 6,
  onBatch: (records, info) => {
    for (const record of records) mirror.set(record.id, record);
    cursor = info.cursor;
  },
});
jwksServer.close();

// Reconcile everything mirrored.
const picture = reconcile([...mirror.values()]);

let notFound = '';
try {
  await client.observations.get('f'.repeat(64));
} catch (error) {
  if (error instanceof SightlineApiError) notFound = error.code;
}

console.log(
  JSON.stringify({
    health: health.status,
    listed: first.items.length,
    created: created.id,
    iterated: iterated.length,
    unique: new Set(iterated).size,
    containsCreated: iterated.includes(created.id),
    verified: verified.ok,
    author: verified.ok ? verified.author : null,
    mirrored: mirror.size,
    cursor,
    synced,
    measures: picture.measures.length,
    excluded: picture.excluded.length,
    notFound,
  }),
);
`;
