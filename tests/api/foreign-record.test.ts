import { sign as ed25519Sign } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejections } from '../../api/db/schema.js';
import { fillPinnedKeys } from '../../api/fed/member-keys.js';
import { pinMember } from '../../api/fed/registry.js';
import { ingestRecords, REJECTIONS_KEPT_PER_PEER } from '../../api/ingest/ingest.js';
import { seedBodies } from '../../api/node/seed.js';
import type { SignedRecord } from '../../schemas/record.js';
import { canonicalJson } from '../../sdk/canonical.js';
import { generateKeyPair, publicJwk } from '../../sdk/keys/index.js';
import { newNonce, signRecord } from '../../sdk/record/index.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { storedCounts } from './helpers/counts.js';
import { expectProblem } from './helpers/problem.js';

// A record authored by another member (FR, its key pinned in the federation registry) reaches this node as
// a peer would deliver it. This node's analysts may read it but never supersede or retract it.
let node: TestNode;
let foreignId: string;
const frKey = generateKeyPair();

beforeAll(async () => {
  node = await createTestNode('DE');
  await pinMember(node.ctx, { id: 'FR', keys: { record: [frKey.kid] } });
  await fillPinnedKeys(node.ctx, [publicJwk(frKey.publicKey)]);
  const record = {
    ...seedBodies()[9],
    type: 'observation',
    author: 'FR',
    createdAt: '2026-11-28T12:00:00Z',
    nonce: newNonce(),
  } as SignedRecord;
  const { id, jws } = signRecord(record, frKey);
  const [outcome] = await ingestRecords(node.ctx, [jws], { from: 'FR' });
  expect(outcome).toMatchObject({ status: 'accepted', id });
  foreignId = id;
});
afterAll(() => node?.close());

describe("another member's record", () => {
  it('reads with its author and a verifying signature', async () => {
    const res = await node.request(`/v1/observations/${foreignId}`, { role: 'reader' });
    expect(await res.json()).toMatchObject({
      id: foreignId,
      author: 'FR',
      verified: true,
      receivedFrom: 'FR',
    });
  });

  it('cannot be superseded or retracted here: 403 not_original_author, nothing stored', async () => {
    const before = await storedCounts(node.ctx.db);
    await expectProblem(
      await node.request(`/v1/observations/${foreignId}/supersede`, { json: seedBodies()[9] }),
      403,
      'not_original_author',
    );
    await expectProblem(
      await node.request(`/v1/observations/${foreignId}/retract`, { json: { reason: 'we disagree' } }),
      403,
      'not_original_author',
    );
    expect(await storedCounts(node.ctx.db)).toEqual(before);
    const res = await node.request(`/v1/observations/${foreignId}`, { role: 'reader' });
    expect(await res.json()).toMatchObject({ status: 'current' });
  });

  it('is listed under author=FR only', async () => {
    const fr = await (await node.request('/v1/observations?author=FR', { role: 'reader' })).json();
    const de = await (await node.request('/v1/observations?author=DE', { role: 'reader' })).json();
    expect((fr as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([foreignId]);
    expect((de as { items: unknown[] }).items).toEqual([]);
  });
});

describe('a peer record the database cannot hold', () => {
  // PostgreSQL text cannot hold U+0000: ingest must refuse such a record alone, not lose the batch.
  it('is rejected on its own; the rest of the batch is accepted', async () => {
    const sign = (summary: string) => {
      const body = seedBodies()[9] as { observation: object };
      const record = {
        ...body,
        observation: { ...body.observation, summary },
        type: 'observation',
        author: 'FR',
        createdAt: '2026-11-28T12:00:00Z',
        nonce: newNonce(),
      } as SignedRecord;
      return signRecord(record, frKey).jws;
    };
    const outcomes = await ingestRecords(
      node.ctx,
      [
        sign('fine'),
        sign('bad\u0000byte'),
        // The six characters \u0000 are text, not U+0000; after a backslash, U+0000 is still U+0000.
        sign('the escape \\u0000 written out'),
        sign('a backslash then \\\u0000'),
      ],
      { from: 'FR' },
    );
    expect(outcomes.map((o) => o.status)).toEqual(['accepted', 'rejected', 'accepted', 'rejected']);
  });

  it('dated before the year 1000 is rejected as invalid, not a database error; the rest is stored', async () => {
    // signRecord refuses such a record, so it is signed by hand as a careless or hostile member might.
    const signUnchecked = (createdAt: string) => {
      const record = { ...seedBodies()[9], type: 'observation', author: 'FR', createdAt, nonce: newNonce() };
      const header = Buffer.from(
        JSON.stringify({ alg: 'Ed25519', kid: frKey.kid, typ: 'sightline-record+jws' }),
      );
      const input = `${header.toString('base64url')}.${Buffer.from(canonicalJson(record)).toString('base64url')}`;
      return `${input}.${ed25519Sign(null, Buffer.from(input), frKey.privateKey).toString('base64url')}`;
    };
    const outcomes = await ingestRecords(
      node.ctx,
      [signUnchecked('0000-01-01T00:00:00Z'), signUnchecked('2026-11-28T13:00:00Z')],
      { from: 'FR' },
    );
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'accepted']);
    expect(outcomes[0]).toMatchObject({ code: 'invalid_payload' });
  });

  it('keeps the latest rejections per peer only, so junk cannot grow the table without end', async () => {
    const fromFr = () => node.ctx.db.select().from(rejections).where(eq(rejections.from, 'FR'));
    const filler = (await fromFr()).length;
    const rows = Array.from({ length: REJECTIONS_KEPT_PER_PEER - filler + 5 }, (_, n) => ({
      from: 'FR',
      code: 'invalid_payload',
      reason: `old ${n}`,
    }));
    for (let at = 0; at < rows.length; at += 5000)
      await node.ctx.db.insert(rejections).values(rows.slice(at, at + 5000));
    const [outcome] = await ingestRecords(node.ctx, ['not.a.jws'], { from: 'FR' });
    expect(outcome?.status).toBe('rejected');
    const kept = await fromFr();
    expect(kept).toHaveLength(REJECTIONS_KEPT_PER_PEER);
    expect(kept.some((row) => !row.reason.startsWith('old '))).toBe(true);
    expect(kept.some((row) => row.reason === 'old 0')).toBe(false);
  });
});
