import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullPeer } from '../../api/fed/sync/pull-peer.js';
import { decodeLeaf } from '../../api/log/leaf.js';
import { leafOfRecord } from '../../api/log/leaves.js';
import { observationBody } from '../federation/support/bodies.js';
import { type ListeningNode, listeningPair } from '../federation/support/in-process-node.js';
import type { TestNode } from '../support/node.js';

// A key is revoked because it may be stolen: the node's record view and reconciliation count what it signed
// only when the record was first logged before the revocation's start (DESIGN.md, decision 4).
const MEASURE = 'PROV-CN-END-USER-LIST';

async function create(node: TestNode, summary: string): Promise<string> {
  const res = await node.request('/v1/observations', {
    json: observationBody('TLP:GREEN', undefined, summary),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** When `node` logged record `id`: the `at` of its own leaf. */
async function loggedAt(node: TestNode, id: string): Promise<string> {
  const leaf = await leafOfRecord(node.ctx.db, id);
  return decodeLeaf(leaf?.leaf ?? '')?.at as string;
}

async function verified(node: TestNode, id: string): Promise<boolean> {
  const res = await node.request(`/v1/observations/${id}`, { role: 'reader' });
  expect(res.status).toBe(200);
  return ((await res.json()) as { verified: boolean }).verified;
}

async function reconciliation(node: TestNode) {
  const res = await node.request(`/v1/measures/${MEASURE}/reconciliation`, { role: 'reader' });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    measure: { records: { id: string }[] } | null;
    excluded: { id?: string; code: string }[];
  };
}

/** Rotates the record key away and revokes it from `since`, through the admin routes. */
async function rotateAndRevoke(node: TestNode, since: string): Promise<string> {
  const revoked = node.ctx.keys.record.kid;
  expect((await node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } })).status).toBe(
    201,
  );
  const res = await node.request('/v1/keys/revoke', { role: 'admin', json: { kid: revoked, since } });
  expect(res.status).toBe(201);
  return revoked;
}

const tick = async (after: string) => {
  while (Date.now() <= Date.parse(after) + 2) await new Promise((resolve) => setTimeout(resolve, 5));
};

let de: ListeningNode;
let fr: ListeningNode;

beforeAll(async () => {
  [de, fr] = await listeningPair('DE', 'FR');
}, 120_000);

afterAll(async () => {
  await Promise.all([de, fr].map((n) => n?.close()));
});

describe('a record signed with a key revoked through the admin route', () => {
  let before: string;
  let after: string;
  let signedByNewKey: string;

  beforeAll(async () => {
    before = await create(de.node, 'logged before the revocation');
    await tick(await loggedAt(de.node, before));
    after = await create(de.node, 'logged when the revocation starts');
    // The revocation starts exactly when DE logged `after`: a record logged at the start is refused.
    const since = await loggedAt(de.node, after);
    expect(Date.parse(since)).toBeGreaterThan(Date.parse(await loggedAt(de.node, before)));
    await rotateAndRevoke(de.node, since);
    signedByNewKey = await create(de.node, 'signed with the key that replaced it');
  });

  it('shows verified: false in the record view when logged at or after the start, true when logged before', async () => {
    expect(await verified(de.node, after)).toBe(false);
    expect(await verified(de.node, before)).toBe(true);
    expect(await verified(de.node, signedByNewKey)).toBe(true);
  });

  it('is left out of the reconciliation, listed in excluded as key_revoked', async () => {
    const picture = await reconciliation(de.node);
    expect(picture.excluded).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: after, code: 'key_revoked' })]),
    );
    const counted = picture.measure?.records.map((r) => r.id) ?? [];
    expect(counted).toEqual(expect.arrayContaining([before, signedByNewKey]));
    expect(counted).not.toContain(after);
    expect(picture.excluded.map((e) => e.id)).not.toContain(before);
  });
});

describe('a record pulled from its author after the revocation of the key that signed it', () => {
  it('counts at the puller when the author logged it before the start, though the puller logged it later', async () => {
    const id = await create(de.node, 'logged by DE before the revocation, pulled by FR after it');
    await tick(await loggedAt(de.node, id));
    const since = new Date().toISOString();
    await tick(since);
    await rotateAndRevoke(de.node, since);
    await pullPeer(fr.node.ctx, 'DE');
    expect(Date.parse(await loggedAt(fr.node, id))).toBeGreaterThan(Date.parse(since));

    expect(await verified(fr.node, id)).toBe(true);
    const picture = await reconciliation(fr.node);
    expect(picture.measure?.records.map((r) => r.id)).toContain(id);
    expect(picture.excluded.map((e) => e.id)).not.toContain(id);
  });
});
