import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullPeer } from '../../api/fed/sync/pull-peer.js';
import { observationBody } from './support/bodies.js';
import { type ListeningNode, listeningPair } from './support/in-process-node.js';

// Key events are leaves of a node's log but never feed items: a peer that has every record must still
// reach the end of the log, or it shows a lag that never clears.
let de: ListeningNode;
let nl: ListeningNode;

beforeAll(async () => {
  [de, nl] = await listeningPair('DE', 'NL');
}, 120_000);

afterAll(async () => {
  await Promise.all([de, nl].map((n) => n?.close()));
});

describe('a peer whose log ends in key events', () => {
  it('is shown with no lag once everything it may give was pulled', async () => {
    const res = await de.node.request('/v1/observations', { json: observationBody('TLP:GREEN') });
    expect(res.status).toBe(201);
    expect((await de.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'peer' } })).status).toBe(
      201,
    );
    await pullPeer(nl.node.ctx, 'DE');
    const { peers } = (await (await nl.node.request('/v1/peers', { role: 'admin' })).json()) as {
      peers: { id: string; lag: number; cursor: number; peerHead: number }[];
    };
    const status = peers.find((peer) => peer.id === 'DE');
    expect(status?.lag).toBe(0);
    expect(status?.cursor).toBe((status?.peerHead ?? 0) - 1);
  });
});
