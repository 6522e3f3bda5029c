import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBodies } from '../../../api/node/seed.js';
import {
  createClient,
  createPeerClient,
  type FeedPage,
  type ObservationBody,
  type PeerClient,
} from '../../../sdk/client/index.js';
import { type Federation, loadFederation } from '../../../sdk/federation/index.js';
import { generateKeyPair } from '../../../sdk/keys/index.js';
import { newNonce, signRecord, type VerifiedRecord } from '../../../sdk/record/index.js';
import { type FeedFailure, syncFrom } from '../../../sdk/sync/index.js';
import { pinMember, type ServedNode, serveTestNode } from './served-node.js';

// NL mirrors DE's feed into a Map through syncFrom, over HTTP with real peer tokens, and survives a crash.
let served: ServedNode;
let peer: PeerClient;
let federation: Federation;
const delivered = new Set<string>(); // DE's records NL may receive
let amberId: string;
let foreignId: string;

beforeAll(async () => {
  served = await serveTestNode('DE');
  const client = createClient({ baseUrl: served.baseUrl, token: served.node.tokens.admin });
  const bodies = seedBodies() as unknown as ObservationBody[];
  for (const body of bodies.slice(0, 10)) delivered.add((await client.observations.create(body)).id);
  // AMBER for FR only: DE's node must never serve it to NL, yet NL's cursor moves past it.
  amberId = (
    await client.observations.create({
      ...(bodies[0] as ObservationBody),
      tlp: 'TLP:AMBER',
      recipients: ['FR'],
    })
  ).id;
  const corrected = await client.observations.supersede(
    [...delivered][0] as string,
    bodies[0] as ObservationBody,
  );
  delivered.add(corrected.id);
  delivered.add((await client.observations.retract([...delivered][1] as string, { reason: 'duplicate' })).id);
  // A record FR signed and pushed to DE: NL pins only DE, so it fails verification on NL's side.
  const fr = { peer: generateKeyPair(), record: generateKeyPair() };
  await pinMember(served.node, 'FR', fr);
  const signed = signRecord(
    {
      ...(bodies[2] as ObservationBody),
      type: 'observation',
      author: 'FR',
      createdAt: '2026-11-28T12:00:00Z',
      nonce: newNonce(),
    },
    fr.record,
  );
  foreignId = signed.id;
  const fromFr = createPeerClient({ baseUrl: served.baseUrl, issuer: 'FR', audience: 'DE', key: fr.peer });
  expect((await fromFr.push([signed.jws]))[0]?.status).toBe('accepted');

  const nl = generateKeyPair();
  await pinMember(served.node, 'NL', { peer: nl });
  peer = createPeerClient({ baseUrl: served.baseUrl, issuer: 'NL', audience: 'DE', key: nl });
  const { id, keys } = await client.identity();
  federation = loadFederation({ members: [{ id, keys }] }, await client.jwks());
});
afterAll(() => served?.close());

describe('syncFrom', () => {
  it('mirrors the feed with no loss and no duplicates across a crash in onBatch', async () => {
    const mirror = new Map<string, VerifiedRecord>();
    const committed: string[] = [];
    const failures: FeedFailure[] = [];
    let storedCursor = -1;
    let batches = 0;
    const onBatch = (records: VerifiedRecord[], info: { cursor: number; failures: FeedFailure[] }) => {
      batches += 1;
      if (batches === 3) throw new Error('crash before commit');
      for (const record of records) {
        committed.push(record.id);
        mirror.set(record.id, record);
      }
      failures.push(...info.failures);
    };
    const reported: number[] = [];
    const onCursor = (cursor: number) => {
      reported.push(cursor);
      storedCursor = cursor;
    };

    await expect(
      syncFrom(peer, { after: storedCursor, keys: federation.records, limit: 3, onBatch, onCursor }),
    ).rejects.toThrow('crash before commit');
    expect(reported).toEqual([2, 5]); // the crashed batch's cursor was never reported
    expect(committed).toHaveLength(6);

    const result = await syncFrom(peer, {
      after: storedCursor,
      keys: federation.records,
      limit: 3,
      onBatch,
      onCursor,
    });
    expect(new Set(committed).size).toBe(committed.length);
    expect(new Set(committed)).toEqual(delivered);
    expect(mirror.has(amberId)).toBe(false);
    expect(failures).toEqual([expect.objectContaining({ ok: false, id: foreignId, code: 'unknown_kid' })]);
    // The foreign record is the last of DE's log: the cursor moved past it though it was not handed over.
    const head = (await peer.feed({ after: -1, limit: 1 })).head;
    expect(failures[0]?.seq).toBe(head - 1);
    expect(result).toEqual({ cursor: head - 1, records: delivered.size - 6, failures: 1, pages: 3 });
    expect(storedCursor).toBe(head - 1);
    for (const record of mirror.values()) expect(record.author).toBe('DE');

    const again = await syncFrom(peer, {
      after: storedCursor,
      keys: federation.records,
      onBatch: () => {
        throw new Error('nothing new: no batch expected');
      },
    });
    expect(again).toEqual({ cursor: head - 1, records: 0, failures: 0, pages: 1 });
  });

  it('reports a tampered record as a failure and never hands it over', async () => {
    const tampering = {
      async feed(query: { after: number; limit?: number }): Promise<FeedPage> {
        const page = await peer.feed(query);
        const [first, ...rest] = page.records;
        if (!first) return page;
        const [header, payload, signature] = first.jws.split('.') as [string, string, string];
        // Change the first character: the last one carries padding bits, and altering those makes base64url non-canonical rather than a wrong signature.
        const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
        return { ...page, records: [{ seq: first.seq, jws: `${header}.${payload}.${flipped}` }, ...rest] };
      },
    };
    const handed: string[] = [];
    const failed: FeedFailure[] = [];
    await syncFrom(tampering, {
      keys: federation.records.resolve,
      limit: 100,
      onBatch: (records, info) => {
        handed.push(...records.map((record) => record.id));
        failed.push(...info.failures);
      },
    });
    expect(failed.map((failure) => [failure.seq, failure.code])).toEqual([
      [0, 'bad_signature'],
      [expect.any(Number), 'unknown_kid'],
    ]);
    expect(handed).not.toContain(failed[0]?.id);
    expect(handed).toHaveLength(delivered.size - 1);
  });

  it('refuses a feed whose records go backwards or whose cursor does not advance', async () => {
    const fake = (page: FeedPage) => ({ feed: async () => page });
    const noop = () => {};
    await expect(
      syncFrom(
        fake({
          records: [
            { seq: 5, jws: 'x' },
            { seq: 4, jws: 'y' },
          ],
          next: 5,
          more: false,
          head: 6,
        }),
        {
          keys: federation.records,
          onBatch: noop,
        },
      ),
    ).rejects.toMatchObject({ code: 'invalid_feed' });
    await expect(
      syncFrom(fake({ records: [], next: 3, more: true, head: 9 }), {
        after: 3,
        keys: federation.records,
        onBatch: noop,
      }),
    ).rejects.toMatchObject({ code: 'invalid_feed' });
  });
});
