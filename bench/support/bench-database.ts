import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type { OpenDatabase } from '../../api/db/database.js';
import { attachPglite } from '../../api/db/open-pglite.js';

const defaultServer = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database that exists only for one benchmark run. */
export interface ScratchDatabase {
  /** Where the node should connect (PostgreSQL), or the open database itself (PGlite). */
  target: { databaseUrl: string } | { database: OpenDatabase };
  description: string;
  /** Drops the database, or with `keep` only disconnects and leaves it for inspection; safe to call twice. */
  finish(keep?: boolean): Promise<void>;
}

/**
 * A fresh `sightline_bench_<random>` database on the server of `serverUrl` (default the local cluster),
 * created through the server's own database (`postgres` unless the URL names another).
 */
export async function createPostgresScratch(serverUrl = defaultServer): Promise<ScratchDatabase> {
  const adminUrl = new URL(serverUrl);
  if (adminUrl.pathname === '' || adminUrl.pathname === '/') adminUrl.pathname = '/postgres';
  const name = `sightline_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl.href, { max: 1, onnotice: () => {} });
  const [row] = await admin<{ server_version: string }[]>`show server_version`;
  await admin.unsafe(`create database ${name}`);
  const benchUrl = new URL(adminUrl.href);
  benchUrl.pathname = `/${name}`;
  let finished = false;
  return {
    target: { databaseUrl: benchUrl.href },
    description: `PostgreSQL ${row?.server_version ?? '?'}, database ${name} on ${adminUrl.host}`,
    async finish(keep = false) {
      if (finished) return;
      finished = true;
      try {
        if (keep) console.log(`kept the bench database: ${benchUrl.href}`);
        else await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}

/** An in-memory PGlite with the node's migrations applied. */
export async function createPgliteScratch(): Promise<ScratchDatabase> {
  const client = new PGlite();
  const database = await attachPglite(client);
  const [row] = (await client.query<{ server_version: string }>('show server_version')).rows;
  return {
    target: { database },
    description: `PGlite ${row?.server_version ?? ''} in memory`,
    // The node closes the database; nothing outlives the process.
    finish: async () => {},
  };
}
