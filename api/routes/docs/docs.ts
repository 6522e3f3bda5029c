import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { buildOpenApiDocument } from '../../../schemas/openapi/document.js';
import type { NodeContext, NodeEnv } from '../../context.js';

// Served from the installed package: /docs must work on a network with no CDN.
const swaggerDir = join(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'), '..');
// A Map, not an object literal: /docs/constructor must not find Object.prototype.constructor.
const assets = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
]);

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sightline node API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;
const init = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', deepLinking: true });`;

/** GET /openapi.json and an interactive reference at /docs. */
export default function docs(app: Hono<NodeEnv>, ctx: NodeContext) {
  const document = JSON.stringify(buildOpenApiDocument(ctx.version));
  app.get('/openapi.json', (c) => c.body(document, 200, { 'content-type': 'application/json' }));
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/:asset', (c) => {
    const asset = c.req.param('asset');
    const type = assets.get(asset);
    if (!type) return c.notFound();
    return c.body(readFileSync(join(swaggerDir, asset)), 200, {
      'content-type': type,
      'cache-control': 'public, max-age=3600',
    });
  });
}
