import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRecords } from '../../api/ingest/ingest.js';
import { seedBodies } from '../../api/node/seed.js';
import type { SignedRecord } from '../../schemas/record.js';
import { PinnedKeySet, publicJwk } from '../../sdk/keys/index.js';
import { reconcile } from '../../sdk/reconcile/index.js';
import { newNonce, signRecord, verifyRecord } from '../../sdk/record/index.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { storedCounts } from './helpers/counts.js';
import { expectProblem } from './helpers/problem.js';
import type { CreatedRecord, RecordView } from './helpers/types.js';

// Corrections and retractions are new signed records by the same author; the old record stays, marked.
let node: TestNode;
beforeAll(async () => {
  node = await createTestNode('DE');
});
afterAll(() => node?.close());

const bodies = seedBodies();
const gallium = bodies[0] as Record<string, unknown>;
const corrected = {
  ...gallium,
  observation: {
    ...(gallium.observation as object),
    summary: 'Corrected: licence requirement from 1 August 2023.',
  },
};

async function create(body: unknown): Promise<CreatedRecord> {
  const res = await node.request('/v1/observations', { json: body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as CreatedRecord;
}

async function read(id: string): Promise<RecordView> {
  const res = await node.request(`/v1/observations/${id}`, { role: 'reader' });
  expect(res.status).toBe(200);
  return (await res.json()) as RecordView;
}

describe('supersede', () => {
  it('creates a new signed record pointing at the old one, which reads as superseded', async () => {
    const old = await create(gallium);
    const res = await node.request(`/v1/observations/${old.id}/supersede`, { json: corrected });
    expect(res.status).toBe(201);
    const fresh = (await res.json()) as CreatedRecord;
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.record).toMatchObject({ type: 'observation', author: 'DE', supersedes: old.id });
    expect(res.headers.get('location')).toBe(`/v1/observations/${fresh.id}`);

    expect(await read(old.id)).toMatchObject({ status: 'superseded', supersededBy: fresh.id, jws: old.jws });
    expect(await read(fresh.id)).toMatchObject({ status: 'current', verified: true });
  });

  it('refuses a second supersede of the same record with 409, storing nothing', async () => {
    const old = await create(gallium);
    expect((await node.request(`/v1/observations/${old.id}/supersede`, { json: corrected })).status).toBe(
      201,
    );
    const before = await storedCounts(node.ctx.db);
    await expectProblem(
      await node.request(`/v1/observations/${old.id}/supersede`, { json: corrected }),
      409,
      'already_superseded',
    );
    expect(await storedCounts(node.ctx.db)).toEqual(before);
  });

  it('lets exactly one of two concurrent supersedes of a record win', async () => {
    const old = await create(gallium);
    const results = await Promise.all(
      [1, 2].map(() => node.request(`/v1/observations/${old.id}/supersede`, { json: corrected })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('supersedes the newest version in a chain', async () => {
    const v1 = await create(gallium);
    const v2 = (await (
      await node.request(`/v1/observations/${v1.id}/supersede`, { json: corrected })
    ).json()) as CreatedRecord;
    const res = await node.request(`/v1/observations/${v2.id}/supersede`, { json: gallium });
    expect(res.status).toBe(201);
    const v3 = (await res.json()) as CreatedRecord;
    expect(await read(v2.id)).toMatchObject({ status: 'superseded', supersededBy: v3.id });
    expect(await read(v1.id)).toMatchObject({ status: 'superseded', supersededBy: v2.id });
  });
});

describe('a correction of a retracted correction', () => {
  it('replaces the original, as the SDK’s reconcile counts it (R <- C1 retracted <- C2)', async () => {
    const original = await create({
      ...gallium,
      observation: { ...(gallium.observation as object), summary: 'R' },
    });
    const res = await node.request(`/v1/observations/${original.id}/supersede`, { json: corrected });
    expect(res.status).toBe(201);
    const first = (await res.json()) as CreatedRecord;
    expect(
      (await node.request(`/v1/observations/${first.id}/retract`, { json: { reason: 'wrong' } })).status,
    ).toBe(201);
    expect(await read(original.id)).toMatchObject({ status: 'current' });

    // The member signs a correction of the retracted correction outside the node's API.
    const second = {
      ...(corrected as Record<string, unknown>),
      observation: { ...(gallium.observation as object), summary: 'C2' },
      type: 'observation',
      author: 'DE',
      createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      nonce: newNonce(),
      supersedes: first.id,
    } as SignedRecord;
    const { id, jws } = signRecord(second, node.ctx.keys.record);
    const [outcome] = await ingestRecords(node.ctx, [jws], { from: 'self' });
    expect(outcome?.status).toBe('accepted');

    expect(await read(original.id)).toMatchObject({ status: 'superseded', supersededBy: id });
    const listed = (await (await node.request('/v1/observations?limit=500', { role: 'reader' })).json()) as {
      items: RecordView[];
    };
    expect(listed.items.find((item) => item.id === original.id)).toMatchObject({ supersededBy: id });
    expect(await read(first.id)).toMatchObject({ status: 'retracted' });
    expect(await read(id)).toMatchObject({ status: 'current' });
    const views = [original.id, first.id, id].map((recordId) => read(recordId));
    const picture = reconcile(
      (await Promise.all(views)).map((view) =>
        verifyRecord(
          view.jws,
          PinnedKeySet.fromKeys([{ member: 'DE', jwk: publicJwk(node.ctx.keys.record.publicKey) }]).resolve,
        ),
      ),
    );
    expect(picture.measures.flatMap((measure) => measure.records.map((record) => record.id))).toEqual([id]);

    // Once C2 is retracted too, nothing replaces R: it is the latest version again.
    expect(
      (await node.request(`/v1/observations/${id}/retract`, { json: { reason: 'also wrong' } })).status,
    ).toBe(201);
    expect(await read(original.id)).toMatchObject({ status: 'current' });
  });
});

describe('retract', () => {
  it('creates a signed retraction under the original label and recipients; the record reads as retracted', async () => {
    const amber = await create({ ...gallium, tlp: 'TLP:AMBER+STRICT', recipients: ['FR', 'NL'] });
    const res = await node.request(`/v1/observations/${amber.id}/retract`, {
      json: { reason: 'entered twice' },
    });
    expect(res.status).toBe(201);
    const retraction = (await res.json()) as CreatedRecord;
    expect(retraction.record).toMatchObject({
      type: 'retraction',
      author: 'DE',
      retracts: amber.id,
      reason: 'entered twice',
      tlp: 'TLP:AMBER+STRICT',
      recipients: ['FR', 'NL'],
    });
    expect(await read(amber.id)).toMatchObject({ status: 'retracted', retractedBy: retraction.id });
    expect(await read(retraction.id)).toMatchObject({ verified: true, record: { type: 'retraction' } });
  });

  it('carries a CLEAR label without inventing recipients', async () => {
    const clear = await create(gallium);
    const res = await node.request(`/v1/observations/${clear.id}/retract`, { json: { reason: 'wrong' } });
    const { record } = (await res.json()) as CreatedRecord;
    expect(record.tlp).toBe('TLP:CLEAR');
    expect(record).not.toHaveProperty('recipients');
  });

  it('refuses to change a retracted or superseded record, or a retraction, with 409', async () => {
    const retracted = await create(gallium);
    const retraction = (await (
      await node.request(`/v1/observations/${retracted.id}/retract`, { json: { reason: 'wrong' } })
    ).json()) as CreatedRecord;
    const superseded = await create(gallium);
    await node.request(`/v1/observations/${superseded.id}/supersede`, { json: corrected });
    const before = await storedCounts(node.ctx.db);
    const attempts: [string, unknown, string][] = [
      [`${retracted.id}/retract`, { reason: 'again' }, 'already_retracted'],
      [`${retracted.id}/supersede`, corrected, 'already_retracted'],
      [`${superseded.id}/retract`, { reason: 'late' }, 'already_superseded'],
      [`${retraction.id}/retract`, { reason: 'undo' }, 'not_an_observation'],
      [`${retraction.id}/supersede`, corrected, 'not_an_observation'],
    ];
    for (const [path, json, code] of attempts) {
      await expectProblem(await node.request(`/v1/observations/${path}`, { json }), 409, code);
    }
    expect(await storedCounts(node.ctx.db)).toEqual(before);
  });

  it('makes a record current again when its correction is retracted, so it can be corrected anew', async () => {
    const original = await create(gallium);
    const first = (await (
      await node.request(`/v1/observations/${original.id}/supersede`, { json: corrected })
    ).json()) as CreatedRecord;
    const undo = await node.request(`/v1/observations/${first.id}/retract`, {
      json: { reason: 'the correction was wrong' },
    });
    expect(undo.status).toBe(201);
    expect(await read(original.id)).toMatchObject({ status: 'current' });
    expect((await read(original.id)).supersededBy).toBeUndefined();
    expect(await read(first.id)).toMatchObject({ status: 'retracted' });

    const again = await node.request(`/v1/observations/${original.id}/supersede`, {
      json: { ...corrected, confidence: 'high' },
    });
    expect(again.status, await again.clone().text()).toBe(201);
    const second = (await again.json()) as CreatedRecord;
    expect(await read(original.id)).toMatchObject({ status: 'superseded', supersededBy: second.id });
    await expectProblem(
      await node.request(`/v1/observations/${original.id}/supersede`, { json: corrected }),
      409,
      'already_superseded',
    );
  });

  it('needs a reason', async () => {
    const record = await create(gallium);
    for (const json of [{}, { reason: '' }, { reason: 'x', tlp: 'TLP:RED' }]) {
      await expectProblem(
        await node.request(`/v1/observations/${record.id}/retract`, { json }),
        422,
        'validation_failed',
      );
    }
    expect(await read(record.id)).toMatchObject({ status: 'current' });
  });
});

describe('GET /v1/measures/{measureKey}', () => {
  it('lists the measure’s observations newest first, with their status', async () => {
    const key = 'PROV-CN-TECHCAT-LIDAR';
    const lidar = bodies[13] as object;
    const first = await create(lidar);
    const second = await create(lidar);
    const res = await node.request(`/v1/measures/${key}`, { role: 'reader' });
    expect(res.status).toBe(200);
    const view = (await res.json()) as { measureKey: string; items: RecordView[] };
    expect(view.measureKey).toBe(key);
    expect(view.items.map((item) => item.id)).toEqual([second.id, first.id]);
    const seqs = view.items.map((item) => item.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it('pages with limit and cursor, so no observation is cut off', async () => {
    const key = 'PROV-CN-TECHCAT-LIDAR';
    const all = (await (await node.request(`/v1/measures/${key}`, { role: 'reader' })).json()) as {
      items: RecordView[];
      next: string | null;
    };
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    expect(all.next).toBeNull();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=1&cursor=${cursor}` : '?limit=1';
      const res = await node.request(`/v1/measures/${key}${query}`, { role: 'reader' });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: RecordView[]; next: string | null };
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(all.items.map((item) => item.id));
    // Past the last page: an empty page, not a 404 (that is for a measure with no observations at all).
    const pastEnd = Buffer.from(JSON.stringify({ before: 0 })).toString('base64url');
    const empty = await node.request(`/v1/measures/${key}?cursor=${pastEnd}`, { role: 'reader' });
    expect(empty.status).toBe(200);
    expect(await empty.json()).toMatchObject({ items: [], next: null });
  });

  it('400 for a bad limit or cursor', async () => {
    const key = 'PROV-CN-TECHCAT-LIDAR';
    const cases: [string, string][] = [
      ['limit=0', 'invalid_query'],
      ['limit=501', 'invalid_query'],
      ['page=2', 'invalid_query'],
      ['cursor=not-a-cursor', 'invalid_cursor'],
    ];
    for (const [query, code] of cases) {
      await expectProblem(await node.request(`/v1/measures/${key}?${query}`, { role: 'reader' }), 400, code);
    }
  });

  it('404 for a well-formed key with no observations', async () => {
    await expectProblem(
      await node.request('/v1/measures/MOFCOM-2099-1', { role: 'reader' }),
      404,
      'not_found',
    );
  });

  it('400 invalid_measure_key for a key that is not a measure key, on the measure and its reconciliation', async () => {
    for (const key of ['lidar', 'MOFCOM-GAC-2023-023', '%00', 'X'.repeat(300)]) {
      for (const path of [`/v1/measures/${key}`, `/v1/measures/${key}/reconciliation`]) {
        const problem = await expectProblem(
          await node.request(path, { role: 'reader' }),
          400,
          'invalid_measure_key',
        );
        expect(problem.errors?.[0]?.path).toEqual(['measureKey']);
      }
    }
  });
});
