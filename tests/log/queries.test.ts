import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBodies } from '../../api/node/seed.js';
import { authorRecord } from '../../api/records/author.js';
import type { InclusionProof } from '../../schemas/api/log.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { appendKeyLeaves, withLogRoutes } from './support/log-node.js';
import { type PinnedPeer, pinPeer } from './support/peer.js';
import { expectProblem } from './support/problem.js';

// Who may read the log (a peer token for log.read, or any local API token), and the 4xx every bad
// question gets, as problem+json with a stable code.
let node: TestNode;
let fr: PinnedPeer;
let recordId: string;
beforeAll(async () => {
  node = withLogRoutes(await createTestNode('DE'));
  fr = await pinPeer(node.ctx.db, 'FR');
  await appendKeyLeaves(node.ctx.db, 6);
  recordId = (await authorRecord(node.ctx, { ...seedBodies()[0], type: 'observation' } as never)).id;
});
afterAll(() => node?.close());

const get = (path: string, authorization?: string) =>
  node.app.request(path, { headers: authorization ? { authorization } : {} });
const asReader = (path: string) => get(path, `Bearer ${node.tokens.reader}`);

describe('access to the log routes', () => {
  const paths = [
    '/fed/v1/log/checkpoint',
    '/fed/v1/log/proof/inclusion?index=0',
    '/fed/v1/log/proof/consistency?from=1',
  ];

  it('admits a peer token for log.read and every local role', async () => {
    for (const path of paths) {
      expect((await get(path, `Bearer ${await fr.token('log.read')}`)).status).toBe(200);
      for (const role of ['reader', 'analyst', 'admin'] as const) {
        expect((await get(path, `Bearer ${node.tokens[role]}`)).status).toBe(200);
      }
    }
  });

  it('refuses no token, unknown API tokens, and peer tokens that are replayed or for another operation', async () => {
    for (const path of paths) {
      await expectProblem(await get(path), 401, 'unauthorized');
      await expectProblem(await get(path, 'Bearer slt_notatokenthisnodeissued'), 401, 'invalid_token');
      await expectProblem(
        await get(path, `Bearer ${await fr.token('feed.read')}`),
        403,
        'token_wrong_operation',
      );
      await expectProblem(
        await get(path, `Bearer ${await fr.token('log.read', 'NL')}`),
        403,
        'token_bad_audience',
      );
      const token = await fr.token('log.read');
      expect((await get(path, `Bearer ${token}`)).status).toBe(200);
      await expectProblem(await get(path, `Bearer ${token}`), 401, 'token_replayed');
      await expectProblem(await get(path, 'Bearer eyJnot.a.jwt'), 401, 'token_malformed');
    }
  });
});

describe('bad questions get 4xx problem+json', () => {
  it('inclusion: sizes beyond the log, leaves beyond the tree, unknown records, bad parameters', async () => {
    const base = '/fed/v1/log/proof/inclusion';
    await expectProblem(await asReader(`${base}?index=0&size=8`), 400, 'tree_size_beyond_head');
    await expectProblem(await asReader(`${base}?index=7&size=7`), 400, 'leaf_beyond_tree');
    await expectProblem(await asReader(`${base}?index=99`), 400, 'leaf_beyond_tree');
    await expectProblem(await asReader(`${base}?index=0&size=0`), 400, 'leaf_beyond_tree');
    await expectProblem(await asReader(`${base}?id=${recordId}&size=6`), 400, 'leaf_beyond_tree');
    await expectProblem(await asReader(`${base}?id=${'0'.repeat(64)}`), 404, 'not_found');
    await expectProblem(await asReader(`${base}?index=18446744073709551616`), 400, 'leaf_beyond_tree');
    for (const query of [
      '',
      `id=${recordId}&index=6`,
      'id=ABC',
      'index=-1',
      'index=01',
      'index=1.5',
      'index=1e3',
      'index=0x1',
      'index=',
      'index=123456789012345678901',
      'index=1&size=abc',
      'index=1&extra=1',
    ]) {
      await expectProblem(await asReader(`${base}?${query}`), 400, 'invalid_query');
    }
  });

  it('consistency: to beyond the log, from beyond to, bad parameters', async () => {
    const base = '/fed/v1/log/proof/consistency';
    await expectProblem(await asReader(`${base}?from=0&to=8`), 400, 'tree_size_beyond_head');
    await expectProblem(await asReader(`${base}?from=5&to=4`), 400, 'invalid_tree_range');
    await expectProblem(await asReader(`${base}?from=8`), 400, 'invalid_tree_range');
    for (const query of ['', 'to=3', 'from=-1', 'from=a', 'from=1&to=2&size=3', 'from=1&to=02']) {
      await expectProblem(await asReader(`${base}?${query}`), 400, 'invalid_query');
    }
  });

  it('checkpoint: unknown format or parameter', async () => {
    await expectProblem(await asReader('/fed/v1/log/checkpoint?format=xml'), 400, 'invalid_query');
    await expectProblem(await asReader('/fed/v1/log/checkpoint?size=3'), 400, 'invalid_query');
  });

  it('answers a good question after all that, with the record found by id', async () => {
    const res = await asReader(`/fed/v1/log/proof/inclusion?id=${recordId}`);
    expect(res.status).toBe(200);
    expect((await res.json()) as InclusionProof).toMatchObject({ leafIndex: 6, treeSize: 7 });
  });
});

describe('peer-only routes', () => {
  it('tell an API token apart from a malformed peer token', async () => {
    const res = await get('/fed/v1/feed', `Bearer ${node.tokens.admin}`);
    const problem = await expectProblem(res, 401, 'token_malformed');
    expect(problem.detail).toMatch(/takes a peer token, not an API token/);
  });
});

describe('feed cursors', () => {
  const feed = async (query: string) => get(`/fed/v1/feed?${query}`, `Bearer ${await fr.token('feed.read')}`);

  it('refuses an empty, hexadecimal, exponent or repeated cursor instead of reading it as some number', async () => {
    // An empty `after` was read as 0, so the page silently skipped the record at sequence 0.
    for (const query of ['after=', 'after=0x0', 'after=1e0', 'after=-1&after=0', 'limit=', 'size=0x1']) {
      await expectProblem(await feed(query), 400, 'invalid_query');
    }
    expect((await feed('after=-1&limit=1')).status).toBe(200);
  });
});

describe('leaves a peer may not see', () => {
  const author = async (tlp: string, recipients?: string[]) => {
    const body = { ...seedBodies()[1], type: 'observation', tlp, ...(recipients ? { recipients } : {}) };
    const { id } = await authorRecord(node.ctx, body as never);
    const proof = (await (await asReader(`/fed/v1/log/proof/inclusion?id=${id}`)).json()) as InclusionProof;
    return { id, index: proof.leafIndex };
  };
  const asPeer = async (path: string) => get(path, `Bearer ${await fr.token('log.read')}`);

  it('withholds the leaf of a record the peer may not receive, by index and by id; readers see it', async () => {
    for (const [tlp, recipients] of [
      ['TLP:RED', undefined],
      ['TLP:AMBER', ['JP']],
    ] as const) {
      const { id, index } = await author(tlp, recipients ? [...recipients] : undefined);
      await expectProblem(await asPeer(`/fed/v1/log/proof/inclusion?index=${index}`), 403, 'not_entitled');
      await expectProblem(await asPeer(`/fed/v1/log/proof/inclusion?id=${id}`), 404, 'not_found');
      // A tree too small for the leaf must not tell the peer that the record exists, nor where.
      await expectProblem(await asPeer(`/fed/v1/log/proof/inclusion?id=${id}&size=1`), 404, 'not_found');
      expect((await asReader(`/fed/v1/log/proof/inclusion?index=${index}`)).status).toBe(200);
    }
  });

  it('proves the leaves of records the peer may receive', async () => {
    for (const [tlp, recipients] of [
      ['TLP:GREEN', undefined],
      ['TLP:AMBER', ['FR']],
    ] as const) {
      const { id, index } = await author(tlp, recipients ? [...recipients] : undefined);
      const byIndex = await asPeer(`/fed/v1/log/proof/inclusion?index=${index}`);
      expect(byIndex.status).toBe(200);
      expect(Buffer.from(((await byIndex.json()) as InclusionProof).leaf, 'base64').toString()).toContain(id);
      expect((await asPeer(`/fed/v1/log/proof/inclusion?id=${id}`)).status).toBe(200);
    }
  });
});
