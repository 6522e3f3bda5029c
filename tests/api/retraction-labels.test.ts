import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPinnedKeys } from '../../api/fed/member-keys.js';
import { pinMember } from '../../api/fed/registry.js';
import { ingestRecords } from '../../api/ingest/ingest.js';
import { seedBodies } from '../../api/node/seed.js';
import type { SignedRecord } from '../../schemas/record.js';
import { generateKeyPair, publicJwk } from '../../sdk/keys/index.js';
import { signPeerToken } from '../../sdk/peer/index.js';
import { newNonce, signRecord } from '../../sdk/record/index.js';
import { createTestNode, type TestNode } from '../support/node.js';

// A retraction names the record it withdraws and says why. The node's own retractions copy their target's
// label; one the member signed elsewhere may carry a looser one, and must still go no further than its target.
let de: TestNode;
const fr = generateKeyPair();

beforeAll(async () => {
  de = await createTestNode('DE');
  await pinMember(de.ctx, { id: 'FR', url: null, keys: { peer: [fr.kid] } });
  await fillPinnedKeys(de.ctx, [publicJwk(fr.publicKey)]);
});
afterAll(() => de?.close());

async function observation(tlp: string): Promise<string> {
  const res = await de.request('/v1/observations', { json: { ...seedBodies()[0], tlp } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** A retraction DE signed outside its node, labelled TLP:GREEN whatever its target's label. */
async function greenRetractionOf(target: string): Promise<string> {
  const record = {
    type: 'retraction',
    author: 'DE',
    createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    nonce: newNonce(),
    retracts: target,
    reason: 'withdrawn: the source asked us to',
    tlp: 'TLP:GREEN',
  } as SignedRecord;
  const { id, jws } = signRecord(record, de.ctx.keys.record);
  const [outcome] = await ingestRecords(de.ctx, [jws], { from: 'self' });
  expect(outcome?.status).toBe('accepted');
  return id;
}

async function asFr(path: string, operation: 'feed.read' | 'log.read') {
  const token = await signPeerToken({ issuer: 'FR', audience: 'DE', operation, key: fr });
  return de.app.request(path, { headers: { authorization: `Bearer ${token}` } });
}

async function feedIds(): Promise<string[]> {
  const res = await asFr('/fed/v1/feed?after=-1&limit=500', 'feed.read');
  expect(res.status).toBe(200);
  const { records } = (await res.json()) as { records: { jws: string }[] };
  return records.map(({ jws }) => {
    const payload = JSON.parse(Buffer.from(jws.split('.')[1] as string, 'base64url').toString('utf8'));
    return payload.retracts ?? payload.nonce;
  });
}

describe('a retraction signed with a looser label than its target', () => {
  it('is served to no peer the target may not go to, in the feed or as a log leaf', async () => {
    const red = await observation('TLP:RED');
    const green = await observation('TLP:GREEN');
    const ofRed = await greenRetractionOf(red);
    const ofGreen = await greenRetractionOf(green);

    const served = await feedIds();
    expect(served).toContain(green); // the retraction of the GREEN record, by its target
    expect(served).not.toContain(red);

    const hidden = await asFr(`/fed/v1/log/proof/inclusion?id=${ofRed}`, 'log.read');
    expect(hidden.status).toBe(404);
    const shown = await asFr(`/fed/v1/log/proof/inclusion?id=${ofGreen}`, 'log.read');
    expect(shown.status).toBe(200);
  });
});
