import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxBodyBytes } from '../../api/app.js';
import { seedBodies } from '../../api/node/seed.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { storedCounts } from './helpers/counts.js';
import { errorPaths, expectProblem } from './helpers/problem.js';

// Bodies that are too big, of the wrong type, not JSON, or hostile JSON: each a clear 4xx, never a 5xx,
// and nothing stored.
let node: TestNode;
let before: Awaited<ReturnType<typeof storedCounts>>;
beforeAll(async () => {
  node = await createTestNode('DE');
  before = await storedCounts(node.ctx.db);
});
afterAll(() => node?.close());

const gallium = seedBodies()[0] as Record<string, unknown>;
const post = (body: RequestInit['body'], contentType?: string, path = '/v1/observations') =>
  node.request(path, {
    method: 'POST',
    body,
    headers: contentType ? { 'content-type': contentType } : {},
  });

/** The gallium case with an extension padded so the JSON text is exactly `bytes` bytes. */
const jsonOfSize = (bytes: number) => {
  const shell = JSON.stringify({ ...gallium, 'x-DE': '' });
  return JSON.stringify({ ...gallium, 'x-DE': 'x'.repeat(bytes - Buffer.byteLength(shell)) });
};

describe('body size', () => {
  it('reads a body of exactly 256 KiB (then refuses the record as too large, naming no field)', async () => {
    const body = jsonOfSize(maxBodyBytes);
    expect(Buffer.byteLength(body)).toBe(256 * 1024);
    const problem = await expectProblem(await post(body, 'application/json'), 422, 'validation_failed');
    expect(errorPaths(problem)).toEqual([[]]);
    expect(problem.errors?.[0]?.message).toMatch(/bytes/);
  });

  it('refuses one byte more with 413', async () => {
    await expectProblem(
      await post(jsonOfSize(maxBodyBytes + 1), 'application/json'),
      413,
      'payload_too_large',
    );
  });

  it('refuses an oversized body sent without content-length (streamed)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 5) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await node.request('/v1/observations', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    await expectProblem(res, 413, 'payload_too_large');
  });

  it('refuses an oversized body before looking at its type or token', async () => {
    const res = await node.request('/v1/observations', {
      role: 'none',
      method: 'POST',
      body: 'x'.repeat(maxBodyBytes + 1),
      headers: { 'content-type': 'text/plain' },
    });
    await expectProblem(res, 413, 'payload_too_large');
  });
});

describe('content type', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
    ['a look-alike', 'application/jsonx'],
  ])('refuses %s with 415', async (_, type) => {
    await expectProblem(await post(JSON.stringify(gallium), type), 415, 'unsupported_media_type');
  });

  it.each([
    ['latin-1', 'application/json; charset=iso-8859-1'],
    ['UTF-16', 'application/json;charset="utf-16"'],
  ])('refuses JSON declared as %s with 415', async (_, type) => {
    await expectProblem(await post(JSON.stringify(gallium), type), 415, 'unsupported_media_type');
  });

  it('reads JSON declared as UTF-8', async () => {
    const res = await post(JSON.stringify({ ...gallium, tlp: 'nope' }), 'application/json; charset="UTF-8"');
    await expectProblem(res, 422, 'validation_failed');
  });

  it('refuses a body with no content type with 415', async () => {
    await expectProblem(
      await post(new TextEncoder().encode(JSON.stringify(gallium))),
      415,
      'unsupported_media_type',
    );
  });

  it('refuses the wrong type on supersede and retract too', async () => {
    const id = 'a'.repeat(64);
    await expectProblem(
      await post('{"reason":"x"}', 'text/plain', `/v1/observations/${id}/retract`),
      415,
      'unsupported_media_type',
    );
    await expectProblem(
      await post(JSON.stringify(gallium), 'text/plain', `/v1/observations/${id}/supersede`),
      415,
      'unsupported_media_type',
    );
  });
});

describe('malformed JSON', () => {
  it.each([
    ['truncated', '{"measureRefs": ['],
    ['empty', ''],
    ['single quotes', "{'tlp': 'TLP:CLEAR'}"],
    ['trailing comma', '{"tlp": "TLP:CLEAR",}'],
    ['NaN', '{"x-DE": NaN}'],
  ])('refuses %s JSON with 400 malformed_json', async (_, text) => {
    await expectProblem(await post(text, 'application/json'), 400, 'malformed_json');
  });

  it('refuses bytes that are not UTF-8 with 400 instead of signing U+FFFD in their place', async () => {
    const text = JSON.stringify({
      ...gallium,
      observation: { ...(gallium.observation as object), summary: '#' },
    });
    const bytes = Buffer.from(text);
    bytes[bytes.indexOf('#')] = 0xff;
    const problem = await expectProblem(await post(bytes, 'application/json'), 400, 'malformed_json');
    expect(problem.detail).toMatch(/UTF-8/);
  });

  it('refuses JSON that is not an object with 422', async () => {
    for (const text of ['[]', 'null', '"observation"', '42']) {
      const problem = await expectProblem(await post(text, 'application/json'), 422, 'validation_failed');
      expect(errorPaths(problem)).toContainEqual([]);
    }
  });
});

describe('JSON that parses but cannot become a signed, stored record', () => {
  const withSummary = (summary: string) =>
    JSON.stringify({ ...gallium, observation: { ...(gallium.observation as object), summary } });

  it('refuses a lone surrogate (not canonicalizable under RFC 8785) naming the field', async () => {
    const problem = await expectProblem(
      await post(withSummary('gallium \ud800 germanium'), 'application/json'),
      422,
      'validation_failed',
    );
    expect(errorPaths(problem)).toContainEqual(['observation', 'summary']);
  });

  it('refuses a lone surrogate inside an extension, in a value or a key', async () => {
    for (const extension of [{ note: '\udc00' }, { '\ud800': 1 }]) {
      const body = JSON.stringify({ ...gallium, 'x-DE': extension });
      const problem = await expectProblem(await post(body, 'application/json'), 422, 'validation_failed');
      expect(errorPaths(problem).some((path) => path[0] === 'x-DE')).toBe(true);
    }
  });

  it('refuses a NUL character (PostgreSQL text cannot hold it) naming the field', async () => {
    const problem = await expectProblem(
      await post(withSummary('gallium\u0000germanium'), 'application/json'),
      422,
      'validation_failed',
    );
    expect(errorPaths(problem)).toContainEqual(['observation', 'summary']);
  });

  it('refuses deeply nested JSON without exhausting the stack', async () => {
    const depth = 20_000;
    const body = JSON.stringify(gallium).replace(/}$/, `,"x-DE":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    const res = await post(body, 'application/json');
    const problem = await expectProblem(res, 422, 'validation_failed');
    expect(errorPaths(problem).some((path) => path[0] === 'x-DE')).toBe(true);
  });

  it('refuses a name repeated in its object instead of keeping the last one', async () => {
    const text = JSON.stringify({ ...gallium, tlp: 'TLP:RED' }).replace(
      '"tlp":"TLP:RED"',
      '"tlp":"TLP:RED","\\u0074lp":"TLP:GREEN"',
    );
    const problem = await expectProblem(await post(text, 'application/json'), 422, 'validation_failed');
    expect(errorPaths(problem)).toContainEqual(['tlp']);
  });

  it('refuses a __proto__ key instead of silently dropping it', async () => {
    const body = JSON.stringify(gallium).replace(/}$/, ',"__proto__":{"tlp":"TLP:RED"}}');
    const problem = await expectProblem(await post(body, 'application/json'), 422, 'validation_failed');
    expect(errorPaths(problem)).toContainEqual(['__proto__']);
  });
});

it('stored nothing from any request above', async () => {
  expect(await storedCounts(node.ctx.db)).toEqual(before);
});
