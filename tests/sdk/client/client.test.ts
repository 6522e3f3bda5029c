import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBodies } from '../../../api/node/seed.js';
import { createClient, type ObservationBody, type SightlineClient } from '../../../sdk/client/index.js';
import { loadFederation } from '../../../sdk/federation/index.js';
import { generateKeyPair } from '../../../sdk/keys/index.js';
import { verifyProvenance } from '../../../sdk/log/index.js';
import { verifyRecord } from '../../../sdk/record/index.js';
import { pinMember, type ServedNode, serveTestNode } from './served-node.js';

// The facade against a real node over HTTP: every call goes through openapi-fetch and the retrying transport.
let served: ServedNode;
let client: SightlineClient;
let firstId: string;
const bodies = seedBodies() as unknown as ObservationBody[];
const [gallium, germanium, graphite] = bodies as [ObservationBody, ObservationBody, ObservationBody];

beforeAll(async () => {
  served = await serveTestNode('DE');
  client = createClient({ baseUrl: `${served.baseUrl}/`, token: served.node.tokens.admin });
});
afterAll(() => served?.close());

describe('createClient', () => {
  it('creates, reads back, and the record verifies offline against the node’s published keys', async () => {
    const created = await client.observations.create(gallium);
    firstId = created.id;
    expect(created.record.author).toBe('DE');
    const view = await client.observations.get(created.id);
    expect(view).toMatchObject({ id: created.id, jws: created.jws, status: 'current', verified: true });

    const { id, keys } = await client.identity();
    const federation = loadFederation({ members: [{ id, keys }] }, await client.jwks());
    const verified = verifyRecord(view.jws, federation.records.resolve);
    expect(verified).toMatchObject({ ok: true, id: created.id, author: 'DE' });
    // A key pinned for another role verifies nothing.
    expect(verifyRecord(view.jws, federation.log.resolve)).toMatchObject({ ok: false, code: 'unknown_kid' });
  });

  it('fetches a provenance bundle whose type verifyProvenance takes as it is, and it verifies offline', async () => {
    const { id, keys } = await client.identity();
    const federation = loadFederation({ members: [{ id, keys }] }, await client.jwks());
    const bundle = await client.provenance.get(firstId);
    const verdict = verifyProvenance(bundle, {
      recordKeys: federation.records.resolve,
      logKeys: (member) => federation.log.keysOf(member),
    });
    expect(verdict.steps.filter((step) => !step.ok)).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(federation.log.keysOf('FR')).toEqual([]);
  });

  it('lists a page and iterates over every page following next cursors', async () => {
    const more = [await client.observations.create(germanium), await client.observations.create(graphite)];
    const first = await client.observations.list({ limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.next).toEqual(expect.any(String));

    const seen: string[] = [];
    for await (const view of client.observations.iterate({ limit: 1 })) seen.push(view.id);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    for (const { id } of more) expect(seen).toContain(id);

    const filtered: string[] = [];
    for await (const view of client.observations.iterate({ author: 'DE', type: 'observation', limit: 2 })) {
      filtered.push(view.id);
    }
    expect(filtered.sort()).toEqual([...seen].sort());
  });

  it('supersedes and retracts, and the lifecycle shows in get', async () => {
    const original = await client.observations.create({ ...gallium, confidence: 'high' });
    const correction = await client.observations.supersede(original.id, gallium);
    expect(correction.record).toMatchObject({ type: 'observation', supersedes: original.id });
    expect(await client.observations.get(original.id)).toMatchObject({
      status: 'superseded',
      supersededBy: correction.id,
    });
    const retraction = await client.observations.retract(correction.id, { reason: 'entered twice' });
    expect(retraction.record).toMatchObject({ type: 'retraction', retracts: correction.id });
    expect((await client.observations.get(correction.id)).status).toBe('retracted');
  });

  it('reads a measure and its reconciliation', async () => {
    const measureKey = gallium.measureRefs[0]?.measureKey as string;
    const measure = await client.measures.get(measureKey);
    expect(measure.measureKey).toBe(measureKey);
    expect(measure.items.length).toBeGreaterThan(0);
    const reconciled = await client.measures.reconciliation(measureKey);
    expect(reconciled.measureKey).toBe(measureKey);
  });

  it('iterates a measure page by page', async () => {
    const measureKey = gallium.measureRefs[0]?.measureKey as string;
    await client.observations.create(gallium);
    const { items } = await client.measures.get(measureKey);
    expect(items.length).toBeGreaterThan(1);
    const firstPage = await client.measures.get(measureKey, { limit: 1 });
    expect(firstPage.items).toHaveLength(1);
    expect(firstPage.next).not.toBeNull();
    const iterated: string[] = [];
    for await (const view of client.measures.iterate(measureKey, { limit: 1 })) iterated.push(view.id);
    expect(iterated).toEqual(items.map((item) => item.id));
  });

  it('lists peers, with their pinned keys', async () => {
    const fr = generateKeyPair();
    await pinMember(served.node, 'FR', { peer: fr });
    const peers = await client.peers.list();
    expect(peers.find((peer) => peer.id === 'FR')?.keys.peer).toEqual([fr.kid]);
  });

  it('reports health, and needs no token for it', async () => {
    const anonymous = createClient({ baseUrl: served.baseUrl, token: '' });
    expect(await anonymous.health()).toEqual({ status: 'ok', member: 'DE', database: 'ready' });
  });
});
