import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFederationFile } from '../../api/fed/registry.js';
import { generateKeyPair } from '../../sdk/keys/index.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { storedCounts } from './helpers/counts.js';
import { errorPaths, expectProblem } from './helpers/problem.js';

// What an operator may pin through POST /v1/peers: thumbprints and plain base URLs, nothing else.
let node: TestNode;
const pin = (body: unknown) => node.request('/v1/peers', { role: 'admin', method: 'POST', json: body });
const urlOf = async (id: string) => {
  const res = await node.request('/v1/peers', { role: 'reader' });
  const { peers } = (await res.json()) as { peers: { id: string; url: string | null }[] };
  return peers.find((peer) => peer.id === id)?.url;
};

beforeAll(async () => {
  node = await createTestNode('DE');
});
afterAll(() => node?.close());

describe('POST /v1/peers', () => {
  it.each([
    ['an empty kid', ''],
    ['a short kid', 'x'],
    ['a kid of 5,000 characters', 'k'.repeat(5000)],
    ['a kid with characters outside base64url', `${'a'.repeat(42)}=`],
  ])('refuses %s with 422 naming it', async (_, kid) => {
    const before = await storedCounts(node.ctx.db);
    const problem = await expectProblem(
      await pin({ id: 'NL', keys: { record: [kid] } }),
      422,
      'validation_failed',
    );
    expect(errorPaths(problem)).toContainEqual(['keys', 'record', 0]);
    expect(await storedCounts(node.ctx.db)).toEqual(before);
  });

  it.each([
    ['credentials', 'http://user:pass@127.0.0.1:1'],
    ['a query', 'http://127.0.0.1:1/?x=1'],
    ['a fragment', 'http://127.0.0.1:1/#x'],
    ['no URL syntax at all', 'not-a-url'],
  ])('refuses a URL with %s', async (_, url) => {
    const problem = await expectProblem(await pin({ id: 'NL', url, keys: {} }), 422, 'validation_failed');
    expect(errorPaths(problem)).toContainEqual(['url']);
  });

  it('keeps a peer’s URL when it is pinned again without one', async () => {
    expect((await pin({ id: 'FR', url: 'http://127.0.0.1:1', keys: {} })).status).toBe(201);
    const more = { id: 'FR', keys: { record: [generateKeyPair().kid] } };
    expect((await pin(more)).status).toBe(201);
    expect(await urlOf('FR')).toBe('http://127.0.0.1:1');
  });

  it('lets a federation file, which decides URLs, make a peer a trusted author only', async () => {
    await applyFederationFile(node.ctx, {
      members: [{ id: 'FR', keys: { record: [], log: [], witness: [], peer: [] } }],
    });
    expect(await urlOf('FR')).toBeNull();
  });
});
