import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBodies } from '../../api/node/seed.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { storedCounts } from './helpers/counts.js';
import { errorPaths, expectProblem } from './helpers/problem.js';

// Unknown routes, tokens and roles, record ids and query parameters: each a clear 4xx problem.
let node: TestNode;
let id: string;
beforeAll(async () => {
  node = await createTestNode('DE');
  const res = await node.request('/v1/observations', { json: seedBodies()[0] });
  expect(res.status).toBe(201);
  id = ((await res.json()) as { id: string }).id;
});
afterAll(() => node?.close());

const gallium = seedBodies()[0];
const unknownId = 'f'.repeat(64);

describe('routes', () => {
  it.each([
    ['GET', '/v1/nothing-here'],
    ['GET', '/v2/observations'],
    ['GET', `/v1/observations/${'a'.repeat(64)}/nothing`],
  ])('%s %s is a 404 problem', async (method, path) => {
    const problem = await expectProblem(await node.request(path, { method }), 404, 'route_not_found');
    expect(problem.detail).toContain(path);
  });

  it.each([
    ['POST', '/health', 'GET, HEAD'],
    ['DELETE', `/v1/observations/${'a'.repeat(64)}`, 'GET, HEAD'],
    ['PUT', '/v1/observations', 'GET, HEAD, POST'],
    ['GET', `/v1/observations/${'a'.repeat(64)}/retract`, 'POST'],
  ])('%s %s is a 405 problem naming the methods that are allowed', async (method, path, allow) => {
    const res = await node.request(path, { method });
    const problem = await expectProblem(res, 405, 'method_not_allowed');
    expect(res.headers.get('allow')).toBe(allow);
    expect(problem.detail).toContain(allow);
  });

  it('has no delete: the record is still there after DELETE', async () => {
    await expectProblem(
      await node.request(`/v1/observations/${id}`, { method: 'DELETE' }),
      405,
      'method_not_allowed',
    );
    expect((await node.request(`/v1/observations/${id}`, { role: 'reader' })).status).toBe(200);
  });
});

describe('API tokens', () => {
  it('401 with a Bearer challenge when the token is missing', async () => {
    for (const [method, path] of [
      ['GET', '/v1/observations'],
      ['GET', `/v1/observations/${id}`],
      ['GET', '/v1/measures/MOFCOM-GAC-2023-23'],
      ['POST', '/v1/observations'],
      ['POST', `/v1/observations/${id}/retract`],
    ] as const) {
      const res = await node.request(path, { method, role: 'none' });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="sightline"/);
      await expectProblem(res, 401, 'unauthorized');
    }
  });

  it.each([
    ['an unknown token', 'Bearer slt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a token of another form', 'Bearer eyJhbGciOiJub25lIn0.e30.'],
  ])('401 invalid_token for %s', async (_, authorization) => {
    const res = await node.app.request('/v1/observations', { headers: { authorization } });
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    await expectProblem(res, 401, 'invalid_token');
  });

  it.each([
    ['Basic credentials', 'Basic ZGU6c2VjcmV0'],
    ['an empty bearer', 'Bearer '],
  ])('401 unauthorized for %s', async (_, authorization) => {
    await expectProblem(
      await node.app.request('/v1/observations', { headers: { authorization } }),
      401,
      'unauthorized',
    );
  });

  it('403 for a reader token on every write, before the body is looked at', async () => {
    const before = await storedCounts(node.ctx.db);
    for (const [path, json] of [
      ['/v1/observations', gallium],
      [`/v1/observations/${id}/supersede`, gallium],
      [`/v1/observations/${id}/retract`, { reason: 'mistake' }],
      ['/v1/observations', { not: 'an observation' }],
    ] as const) {
      await expectProblem(await node.request(path, { role: 'reader', json }), 403, 'forbidden');
    }
    expect(await storedCounts(node.ctx.db)).toEqual(before);
  });

  it('never echoes the token', async () => {
    const secret = 'slt_thisIsNotARealTokenButItMustNotBeEchoed123';
    const res = await node.app.request('/v1/observations', {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(await res.text()).not.toContain(secret);
  });
});

describe('record ids in the path', () => {
  it.each([
    ['upper-case hex', 'A'.repeat(64)],
    ['too short', 'a'.repeat(63)],
    ['not hex', 'g'.repeat(64)],
    ['a percent-escape', '%ZZ'],
  ])('400 invalid_record_id for %s', async (_, bad) => {
    await expectProblem(
      await node.request(`/v1/observations/${bad}`, { role: 'reader' }),
      400,
      'invalid_record_id',
    );
    await expectProblem(
      await node.request(`/v1/observations/${bad}/retract`, { json: { reason: 'x' } }),
      400,
      'invalid_record_id',
    );
    await expectProblem(
      await node.request(`/v1/observations/${bad}/supersede`, { json: gallium }),
      400,
      'invalid_record_id',
    );
  });

  it('404 not_found for an unknown id, on read, supersede and retract', async () => {
    const before = await storedCounts(node.ctx.db);
    await expectProblem(
      await node.request(`/v1/observations/${unknownId}`, { role: 'reader' }),
      404,
      'not_found',
    );
    await expectProblem(
      await node.request(`/v1/observations/${unknownId}/supersede`, { json: gallium }),
      404,
      'not_found',
    );
    await expectProblem(
      await node.request(`/v1/observations/${unknownId}/retract`, { json: { reason: 'x' } }),
      404,
      'not_found',
    );
    expect(await storedCounts(node.ctx.db)).toEqual(before);
  });
});

describe('query parameters', () => {
  it.each([
    ['limit over 500', 'limit=501', 'invalid_query', ['limit']],
    ['limit 0', 'limit=0', 'invalid_query', ['limit']],
    ['limit not a number', 'limit=ten', 'invalid_query', ['limit']],
    ['limit with a fraction', 'limit=1.5', 'invalid_query', ['limit']],
    ['limit empty', 'limit=', 'invalid_query', ['limit']],
    ['limit in hex', 'limit=0x10', 'invalid_query', ['limit']],
    ['limit with an exponent', 'limit=1e2', 'invalid_query', ['limit']],
    ['limit with a space', 'limit=%2010', 'invalid_query', ['limit']],
    ['limit given twice', 'limit=5&limit=100', 'invalid_query', ['limit']],
    ['a date that does not exist', 'announcedFrom=2023-02-30', 'invalid_query', undefined],
    ['month 13', 'effectiveTo=2023-13', 'invalid_query', undefined],
    ['a date in another form', 'observedFrom=03/2023', 'invalid_query', ['observedFrom']],
    ['createdFrom without a time', 'createdFrom=2023-01-01', 'invalid_query', ['createdFrom']],
    ['createdFrom in the year 0', 'createdFrom=0000-01-01T00:00:00Z', 'invalid_query', ['createdFrom']],
    ['role without jurisdiction', 'role=destination', 'invalid_query', ['role']],
    ['an unknown role', 'jurisdiction=US&role=friend', 'invalid_query', ['role']],
    ['a lower-case jurisdiction', 'jurisdiction=us', 'invalid_query', ['jurisdiction']],
    ['TLP:WHITE', 'tlp=TLP:WHITE', 'invalid_query', ['tlp']],
    ['an unknown kind', 'kind=rumour', 'invalid_query', ['kind']],
    ['an hs code with letters', 'hs=81ab', 'invalid_query', ['hs']],
    ['an unknown parameter', 'colour=red', 'invalid_query', ['colour']],
    ['a NUL in q', 'q=gallium%00', 'invalid_query', ['q']],
    ['a NUL in measureKey', 'measureKey=MOFCOM%00', 'invalid_query', ['measureKey']],
    ['a cursor that is not one', 'cursor=not-a-cursor', 'invalid_cursor', undefined],
    [
      'a cursor with a negative position',
      `cursor=${Buffer.from('{"before":-1}').toString('base64url')}`,
      'invalid_cursor',
      undefined,
    ],
    [
      'a cursor with a huge position',
      `cursor=${Buffer.from('{"before":1e300}').toString('base64url')}`,
      'invalid_cursor',
      undefined,
    ],
  ])('400 for %s', async (_, query, code, path) => {
    const problem = await expectProblem(
      await node.request(`/v1/observations?${query}`, { role: 'reader' }),
      400,
      code as string,
    );
    if (path) expect(errorPaths(problem)).toContainEqual(path);
  });

  it('accepts the boundaries: limit 1 and 500', async () => {
    for (const limit of [1, 500]) {
      const res = await node.request(`/v1/observations?limit=${limit}`, { role: 'reader' });
      expect(res.status).toBe(200);
    }
  });
});
