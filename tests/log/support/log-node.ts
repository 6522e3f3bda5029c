import { asc } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { NodeEnv } from '../../../api/context.js';
import type { Database } from '../../../api/db/database.js';
import { logLeaves } from '../../../api/db/schema.js';
import { appendLeaves } from '../../../api/log/append.js';
import logRoutes from '../../../api/routes/log/index.js';
import type { TestNode } from '../../support/node.js';

/** Mounts the log routes unless the app already serves them (app.ts registers them once the lead wires it). */
export function withLogRoutes<T extends { app: Hono<NodeEnv>; ctx: TestNode['ctx'] }>(node: T): T {
  const served = node.app.routes.some((route) => route.path === '/fed/v1/log/checkpoint');
  if (!served) logRoutes(node.app, node.ctx);
  return node;
}

/** Appends `count` key-event leaves straight through the log's append path (no records needed). */
export async function appendKeyLeaves(db: Database, count: number, tag = 'k'): Promise<number[]> {
  return db.transaction((tx) =>
    appendLeaves(
      tx,
      Array.from({ length: count }, (_, i) => ({
        type: 'key' as const,
        event: 'added' as const,
        member: 'FR',
        role: 'record',
        kid: `${tag}-${i}-${Math.random().toString(36).slice(2)}`,
        at: '2026-01-01T00:00:00Z',
      })),
    ),
  );
}

/** Every stored leaf's bytes, in index order. */
export async function storedLeafBytes(db: Database): Promise<Buffer[]> {
  const rows = await db.select({ leaf: logLeaves.leaf }).from(logLeaves).orderBy(asc(logLeaves.index));
  return rows.map((row) => Buffer.from(row.leaf, 'utf8'));
}

/** GET with a bearer token, parsed as JSON when the answer is 200. */
export async function getJson<T>(node: TestNode, path: string, token = node.tokens.reader): Promise<T> {
  const res = await node.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}
