import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { records } from '../../api/db/schema.js';
import { seedBodies } from '../../api/node/seed.js';
import { createTestNode, type TestNode } from '../support/node.js';
import type { CreatedRecord, RecordView } from './helpers/types.js';

// The 20 public seed cases go in over HTTP as an analyst would send them, and come back verified.
let node: TestNode;
const bodies = seedBodies();
const created: CreatedRecord[] = [];
beforeAll(async () => {
  node = await createTestNode('DE');
});
afterAll(() => node?.close());

describe('the seed cases over HTTP', () => {
  it('has 20 cases', () => {
    expect(bodies).toHaveLength(20);
  });

  it.each(bodies.map((body, index) => [index, body] as const))(
    'case %i is accepted with 201',
    async (_, body) => {
      const res = await node.request('/v1/observations', { json: body });
      expect(res.status, await res.clone().text()).toBe(201);
      const answer = (await res.json()) as CreatedRecord;
      expect(res.headers.get('location')).toBe(`/v1/observations/${answer.id}`);
      expect(answer.record).toEqual({
        ...body,
        type: 'observation',
        author: 'DE',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      });
      const payload = Buffer.from(answer.jws.split('.')[1] as string, 'base64url');
      expect(answer.id).toBe(createHash('sha256').update(payload).digest('hex'));
      created.push(answer);
    },
  );

  it('reads each back verified, with author, JWS and the record as signed', async () => {
    expect(created).toHaveLength(20);
    for (const { id, jws, record } of created) {
      const res = await node.request(`/v1/observations/${id}`, { role: 'reader' });
      expect(res.status).toBe(200);
      const view = (await res.json()) as RecordView;
      expect(view).toMatchObject({
        id,
        jws,
        author: 'DE',
        verified: true,
        status: 'current',
        receivedFrom: 'self',
      });
      expect(view.record).toEqual(record);
    }
  });

  it('lists all 20 and no more', async () => {
    const res = await node.request('/v1/observations?limit=500', { role: 'reader' });
    const page = (await res.json()) as { items: RecordView[]; next: string | null };
    expect(page.items.map((item) => item.id).sort()).toEqual(created.map((c) => c.id).sort());
    expect(page.next).toBeNull();
  });

  it('gives every record a distinct id, even for identical bodies (random nonce)', async () => {
    const again = await node.request('/v1/observations', { json: bodies[0] });
    const { id } = (await again.json()) as CreatedRecord;
    expect(created.map((c) => c.id)).not.toContain(id);
  });

  it('reports verified: false when the stored JWS no longer matches its signature', async () => {
    const [victim] = created as [CreatedRecord];
    const [header, payload, signature] = victim.jws.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    await node.ctx.db
      .update(records)
      .set({ jws: `${header}.${payload}.${flipped}` })
      .where(eq(records.id, victim.id));
    const res = await node.request(`/v1/observations/${victim.id}`, { role: 'reader' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: victim.id, verified: false });
  });
});
