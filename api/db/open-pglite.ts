import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../paths.js';
import type { Database, OpenDatabase } from './database.js';
import { lockDataFolder } from './folder-lock.js';
import * as schema from './schema.js';

/** Embedded PostgreSQL (WebAssembly) in `<dataDir>/pglite`; one process at a time. */
export async function openPglite(dataDir: string): Promise<OpenDatabase> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataFolder(dataDir);
  try {
    const client = new PGlite(join(dataDir, 'pglite'));
    const database = await attachPglite(client);
    return {
      ...database,
      async close() {
        await database.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Brings an open PGlite instance up to date and wraps it (tests pass in-memory copies of a template). */
export async function attachPglite(client: PGlite): Promise<OpenDatabase> {
  await client.waitReady;
  await migrate(drizzle(client), { migrationsFolder });
  return {
    db: drizzle(client, { schema }) as unknown as Database,
    kind: 'pglite',
    close: () => client.close(),
  };
}
