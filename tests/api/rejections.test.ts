import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBodies } from '../../api/node/seed.js';
import { type BadInput, badInputs } from '../schemas/bad-inputs.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { storedCounts } from './helpers/counts.js';
import { errorPaths, expectProblem } from './helpers/problem.js';

// Every rule of OBSERVATIONS.md "What a parser must reject", sent over HTTP: a 4xx problem naming the
// field, and nothing stored.
let node: TestNode;
let target: string;
beforeAll(async () => {
  node = await createTestNode('DE');
  const created = await node.request('/v1/observations', { json: seedBodies()[0] });
  expect(created.status).toBe(201);
  target = ((await created.json()) as { id: string }).id;
});
afterAll(() => node?.close());

/** Where the problem must point: for unknown keys, the key itself. */
const expectedPaths = (bad: BadInput) => (bad.keys ? bad.keys.map((key) => [...bad.path, key]) : [bad.path]);

const cases = badInputs.map((bad) => [`${bad.rule}: ${bad.name}`, bad] as const);

describe('POST /v1/observations with a bad body', () => {
  it.each(cases)('%s: 422 validation_failed at its path, nothing stored', async (_, bad) => {
    const before = await storedCounts(node.ctx.db);
    const res = await node.request('/v1/observations', { json: bad.body });
    const problem = await expectProblem(res, 422, 'validation_failed');
    for (const path of expectedPaths(bad)) expect(errorPaths(problem)).toContainEqual(path);
    expect(await storedCounts(node.ctx.db)).toEqual(before);
  });
});

describe('POST /v1/observations/{id}/supersede with a bad body', () => {
  it.each(cases)('%s: 422 validation_failed at its path, nothing stored', async (_, bad) => {
    const before = await storedCounts(node.ctx.db);
    const res = await node.request(`/v1/observations/${target}/supersede`, { json: bad.body });
    const problem = await expectProblem(res, 422, 'validation_failed');
    for (const path of expectedPaths(bad)) expect(errorPaths(problem)).toContainEqual(path);
    expect(await storedCounts(node.ctx.db)).toEqual(before);
  });

  it('leaves the target current', async () => {
    const res = await node.request(`/v1/observations/${target}`, { role: 'reader' });
    expect(await res.json()).toMatchObject({ id: target, status: 'current' });
  });
});

describe('the problem names each field the way a client can find it', () => {
  it('gives an RFC 6901 pointer matching the path', async () => {
    const bad = badInputs.find((b) => b.name === 'national code under another HS6') as BadInput;
    const res = await node.request('/v1/observations', { json: bad.body });
    const problem = await expectProblem(res, 422, 'validation_failed');
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ path: bad.path, pointer: '/items/0/nationalCodes/1/code' }),
    );
  });

  it('reports unknown keys with code unrecognized_key', async () => {
    const bad = badInputs.find((b) => b.name === 'unknown key in an item') as BadInput;
    const res = await node.request('/v1/observations', { json: bad.body });
    const problem = await expectProblem(res, 422, 'validation_failed');
    expect(problem.errors).toContainEqual(
      expect.objectContaining({ path: ['items', 0, 'hs6'], code: 'unrecognized_key' }),
    );
  });
});
