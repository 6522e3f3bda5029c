import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberKeys } from '../../api/db/schema.js';
import { pullPeer } from '../../api/fed/sync/pull-peer.js';
import { observationBody } from './support/bodies.js';
import { type ListeningNode, listeningTestNode, type NodeIdentity } from './support/in-process-node.js';

// A member that joins after another rotated and revoked keys pins what that member's node document shows (as
// confirmed out of band) and must still receive what the former keys signed before they were retired or
// revoked; the announcements it takes up then keep those keys from signing anything new.
let de: ListeningNode;
let nl: ListeningNode;

async function create(summary: string): Promise<string> {
  const res = await de.node.request('/v1/observations', {
    json: observationBody('TLP:GREEN', undefined, summary),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  [de, nl] = await Promise.all([listeningTestNode('DE'), listeningTestNode('NL')]);
}, 120_000);

afterAll(async () => {
  await Promise.all([de, nl].map((n) => n?.close()));
});

describe('a member joining after key rotations and a revocation', () => {
  it('receives the records the former keys signed, and takes up that they are retired and revoked', async () => {
    const first = de.node.ctx.keys.record.kid;
    const byFirst = await create('signed with the first key, later rotated away and revoked');
    expect(
      (await de.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } })).status,
    ).toBe(201);
    const second = de.node.ctx.keys.record.kid;
    const bySecond = await create('signed with the second key, later rotated away');
    await pause(50);
    const since = new Date().toISOString();
    await pause(50);
    expect(
      (await de.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } })).status,
    ).toBe(201);
    const revoke = await de.node.request('/v1/keys/revoke', { role: 'admin', json: { kid: first, since } });
    expect(revoke.status).toBe(201);
    const byThird = await create('signed with the current key');

    const identity = (await (await fetch(`${de.url}/.well-known/sightline`)).json()) as NodeIdentity;
    expect(identity.keys.record).toEqual([first, second, de.node.ctx.keys.record.kid].sort());
    const pinned = await nl.node.request('/v1/peers', {
      role: 'admin',
      json: { id: identity.id, keys: identity.keys, url: de.url },
    });
    expect(pinned.status).toBe(201);
    const nlIdentity = (await (await fetch(`${nl.url}/.well-known/sightline`)).json()) as NodeIdentity;
    const back = await de.node.request('/v1/peers', {
      role: 'admin',
      json: { id: nlIdentity.id, keys: nlIdentity.keys, url: nl.url },
    });
    expect(back.status).toBe(201);
    const pages = await pullPeer(nl.node.ctx, 'DE');
    expect(pages.reduce((sum, page) => sum + page.rejected, 0)).toBe(0);
    for (const id of [byFirst, bySecond, byThird]) {
      const res = await nl.node.request(`/v1/observations/${id}`, { role: 'reader' });
      expect(res.status, id).toBe(200);
      expect(((await res.json()) as { verified: boolean }).verified, id).toBe(true);
    }

    const revoked = await nl.node.ctx.db
      .select({ revokedSince: memberKeys.revokedSince })
      .from(memberKeys)
      .where(eq(memberKeys.kid, first));
    expect(Date.parse(revoked[0]?.revokedSince as string)).toBe(Date.parse(since));
  });

  it('shows no lag once it has everything, though the peer’s log ends in key events it never serves', async () => {
    expect((await de.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'peer' } })).status).toBe(
      201,
    );
    await pullPeer(nl.node.ctx, 'DE');
    const res = await nl.node.request('/v1/peers', { role: 'admin' });
    const { peers } = (await res.json()) as {
      peers: { id: string; lag: number; cursor: number; peerHead: number }[];
    };
    const status = peers.find((peer) => peer.id === 'DE');
    expect(status?.lag).toBe(0);
    expect(status?.cursor).toBe((status?.peerHead ?? 0) - 1);
  });
});
