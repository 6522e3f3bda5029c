import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNode, type TestNode } from '../support/node.js';

// The API documents itself: the OpenAPI 3.1 document, and an interactive reference served locally.
let node: TestNode;
beforeAll(async () => {
  node = await createTestNode('DE');
});
afterAll(() => node?.close());

const get = (path: string) => node.request(path, { role: 'none' });

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1.0 document listing every local and public path', async () => {
    const res = await get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const document = JSON.parse(await res.text()) as {
      openapi: string;
      info: { version: string };
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.version).toBe(node.ctx.version);
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /v1/observations',
        'GET /v1/observations',
        'GET /v1/observations/{id}',
        'POST /v1/observations/{id}/supersede',
        'POST /v1/observations/{id}/retract',
        'GET /v1/measures/{measureKey}',
        'GET /health',
        'GET /.well-known/jwks.json',
        'GET /.well-known/sightline',
      ]),
    );
  });

  it('documents the problem responses', async () => {
    const document = (await (await get('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
    };
    const create = document.paths['/v1/observations']?.post;
    for (const status of ['401', '403', '413', '415', '422']) {
      expect(create?.responses[status]?.content, status).toHaveProperty(['application/problem+json']);
    }
  });
});

describe('GET /docs', () => {
  it('serves an HTML page that loads the reference from this node, not a CDN', async () => {
    const res = await get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('serves every script and stylesheet the page references', async () => {
    const html = await (await get('/docs')).text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(assets).toContain('/docs/swagger-ui-bundle.js');
    for (const asset of assets) {
      const res = await get(asset);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('content-type'), asset).toMatch(
        asset.endsWith('.css') ? /^text\/css/ : /javascript/,
      );
      expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
  });

  it('points the reference at /openapi.json', async () => {
    expect(await (await get('/docs/init.js')).text()).toContain("'/openapi.json'");
  });

  it('serves nothing else from the docs folder', async () => {
    const inherited = ['constructor', 'toString', '__proto__', 'hasOwnProperty'].map(
      (name) => `/docs/${name}`,
    );
    for (const path of [
      '/docs/package.json',
      '/docs/..%2F..%2Fpackage.json',
      '/docs/index.html',
      ...inherited,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });
});
