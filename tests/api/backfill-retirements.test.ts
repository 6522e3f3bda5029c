import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyAnnouncements } from '../../api/db/schema.js';
import { backfillRetirements } from '../../api/keys/backfill-retirements.js';
import { decodeBase64Url } from '../../sdk/keys/index.js';
import { createTestNode, type TestNode } from '../support/node.js';

// A node that rotated a key before key-retirements existed signs them at its next start, with its current key.
let de: TestNode;

beforeAll(async () => {
  de = await createTestNode('DE');
});
afterAll(() => de?.close());

const served = async () => {
  const res = await de.request('/fed/v1/keys', { role: 'none' });
  const { announcements } = (await res.json()) as { announcements: string[] };
  return announcements.flatMap((jws) => {
    const [header, payload] = jws
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(String(decodeBase64Url(part) ?? '{}')));
    return payload?.type === 'key-retirement'
      ? [{ signer: header.kid, kid: payload.kid, since: payload.since }]
      : [];
  });
};

describe('backfillRetirements', () => {
  it('vouches with the current key for each former key it has not vouched for yet, once', async () => {
    const first = de.ctx.keys.record.kid;
    expect((await de.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } })).status).toBe(
      201,
    );
    // The rotation signed its retirement already: nothing to add.
    expect(await backfillRetirements(de.ctx.db, de.ctx.member, de.ctx.keys)).toBe(0);

    // As if the rotation predated key-retirements, and the former key were revoked from before it.
    await de.ctx.db.delete(keyAnnouncements).where(eq(keyAnnouncements.type, 'key-retirement'));
    const since = '2026-01-01T00:00:00.000Z';
    expect((await de.request('/v1/keys/revoke', { role: 'admin', json: { kid: first, since } })).status).toBe(
      201,
    );
    expect(await served()).toEqual([]);

    expect(await backfillRetirements(de.ctx.db, de.ctx.member, de.ctx.keys)).toBe(1);
    expect(await served()).toEqual([{ signer: de.ctx.keys.record.kid, kid: first, since }]);
    expect(await backfillRetirements(de.ctx.db, de.ctx.member, de.ctx.keys)).toBe(0);
  });
});
