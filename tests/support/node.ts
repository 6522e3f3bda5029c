import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { createApp } from '../../api/app.js';
import { createApiToken } from '../../api/auth/api-tokens.js';
import type { NodeContext, NodeEnv } from '../../api/context.js';
import { openNode } from '../../api/node/open-node.js';
import { createTestDatabase } from './database.js';

export interface TestNode {
  ctx: NodeContext;
  app: Hono<NodeEnv>;
  dataDir: string;
  tokens: { reader: string; analyst: string; admin: string };
  /** app.request with a bearer token of the given role. */
  request(
    path: string,
    init?: RequestInit & { role?: 'reader' | 'analyst' | 'admin' | 'none'; json?: unknown },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** An in-process node on its own database, with one token per role. */
export async function createTestNode(member = 'DE'): Promise<TestNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-test-'));
  const database = await createTestDatabase();
  const ctx = await openNode({ member, dataDir, database });
  const app = createApp(ctx);
  const tokens = {
    reader: (await createApiToken(ctx.db, 'reader')).secret,
    analyst: (await createApiToken(ctx.db, 'analyst')).secret,
    admin: (await createApiToken(ctx.db, 'admin')).secret,
  };
  return {
    ctx,
    app,
    dataDir,
    tokens,
    request(path, init = {}) {
      const { role = 'analyst', json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (role !== 'none') headers.set('authorization', `Bearer ${tokens[role]}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return Promise.resolve(
        app.request(path, {
          ...rest,
          headers,
          ...(json !== undefined ? { body: JSON.stringify(json), method: rest.method ?? 'POST' } : {}),
        }),
      );
    },
    async close() {
      await ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
