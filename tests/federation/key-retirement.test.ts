import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKeyAnnouncements } from '../../api/fed/key-announcements.js';
import { pullPeer } from '../../api/fed/sync/pull-peer.js';
import { ingestRecords } from '../../api/ingest/ingest.js';
import { pinnedKeys } from '../../api/keys/pinned-keys.js';
import { seedBodies } from '../../api/node/seed.js';
import type { SignedRecord } from '../../schemas/record.js';
import { createPeerClient } from '../../sdk/client/peer-client.js';
import { type Ed25519KeyPair, signKeyAnnouncement } from '../../sdk/keys/index.js';
import { newNonce, signRecord } from '../../sdk/record/index.js';
import { observationBody } from './support/bodies.js';
import { type ListeningNode, listeningTestNode, type NodeIdentity } from './support/in-process-node.js';

// A member that joins after DE rotated its keys pins only DE's current keys. DE's key-retirements, signed by
// those keys, vouch for the keys they replaced: JP then takes every record DE logged with a former key before
// its rotation, and nothing signed with it after, while the former keys sign nothing at JP.
let de: ListeningNode;
let jp: ListeningNode;
const former = {} as Record<'record' | 'log' | 'peer', Ed25519KeyPair>;
const beforeRotation: string[] = [];
const afterRotation: string[] = [];
let lateWithFormerKey: string;

async function create(node: ListeningNode, index: number): Promise<string> {
  const res = await node.node.request('/v1/observations', {
    json: { ...seedBodies()[index], tlp: 'TLP:GREEN' },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function view(node: ListeningNode, id: string) {
  const res = await node.node.request(`/v1/observations/${id}`, { role: 'reader' });
  return {
    status: res.status,
    body: res.status === 200 ? ((await res.json()) as { verified: boolean }) : null,
  };
}

async function pin(on: ListeningNode, other: ListeningNode) {
  const { id, keys } = (await (await fetch(`${other.url}/.well-known/sightline`)).json()) as NodeIdentity;
  const res = await on.node.request('/v1/peers', { role: 'admin', json: { id, keys, url: other.url } });
  expect(res.status, await res.clone().text()).toBe(201);
}

beforeAll(async () => {
  de = await listeningTestNode('DE');
  beforeRotation.push(await create(de, 0), await create(de, 1));
  for (const role of ['record', 'log', 'peer'] as const) {
    former[role] = de.node.ctx.keys[role];
    const rotated = await de.node.request('/v1/keys/rotate', { role: 'admin', json: { role } });
    expect(rotated.status).toBe(201);
  }
  afterRotation.push(await create(de, 2));
  // What the former record key signs after the rotation, even in DE's own log, is no longer DE's.
  const late = signRecord(
    {
      ...observationBody('TLP:GREEN', undefined, 'signed with the former key after the rotation'),
      type: 'observation',
      author: 'DE',
      createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      nonce: newNonce(),
    } as SignedRecord,
    former.record,
  );
  const [outcome] = await ingestRecords(de.node.ctx, [late.jws], { from: 'self' });
  expect(outcome?.status).toBe('accepted');
  lateWithFormerKey = late.id;

  jp = await listeningTestNode('JP');
  await pin(jp, de);
  await pin(de, jp);
}, 120_000);

afterAll(async () => {
  await Promise.all([de, jp].map((n) => n?.close()));
});

describe('a member that pinned only the current keys', () => {
  it('takes and verifies the records signed with a former key before its rotation, not one logged after', async () => {
    await pullPeer(jp.node.ctx, 'DE');
    for (const id of [...beforeRotation, ...afterRotation]) {
      expect(await view(jp, id)).toEqual({ status: 200, body: expect.objectContaining({ verified: true }) });
    }
    expect((await view(jp, lateWithFormerKey)).status).toBe(404);
  });

  it('shows the former keys apart from the pins, and lets none of them sign a token, a checkpoint or an announcement', async () => {
    const res = await jp.node.request('/v1/peers', { role: 'reader' });
    const { peers } = (await res.json()) as {
      peers: { id: string; keys: Record<string, string[]>; retiredKeys: Record<string, string[]> }[];
    };
    const dePeer = peers.find((p) => p.id === 'DE');
    for (const role of ['record', 'log', 'peer'] as const) {
      expect(dePeer?.retiredKeys[role]).toEqual([former[role].kid]);
      expect(dePeer?.keys[role]).toEqual([de.node.ctx.keys[role].kid]);
    }

    // Neither the witness nor peer authentication has a former key to verify with.
    for (const role of ['log', 'peer'] as const) {
      expect((await pinnedKeys(jp.node.ctx.db, 'JP', { role })).kids()).not.toContain(former[role].kid);
    }
    const asFormerPeerKey = createPeerClient({
      baseUrl: jp.url,
      issuer: 'DE',
      audience: 'JP',
      key: former.peer,
    });
    await expect(asFormerPeerKey.push([])).rejects.toMatchObject({ status: 401 });

    // A revocation of DE's current record key signed with the former one is not taken up.
    const current = de.node.ctx.keys.record.kid;
    const forged = await signKeyAnnouncement(
      {
        type: 'key-revocation',
        member: 'DE',
        role: 'record',
        kid: current,
        since: '2020-01-01T00:00:00Z',
        at: new Date().toISOString(),
      },
      former.record,
    );
    expect(await applyKeyAnnouncements(jp.node.ctx, [forged])).toBe(0);
    const held = await pinnedKeys(jp.node.ctx.db, 'JP', { role: 'record', includeRevoked: true });
    expect(held.resolve(current)?.revokedSince).toBeUndefined();
    expect(held.resolve(former.record.kid)?.revokedSince).toBeDefined();
  });
});
