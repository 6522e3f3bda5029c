import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder } from '../paths.js';
import type { Database, OpenDatabase } from './database.js';
import * as schema from './schema.js';

// Any constant; held only while migrating, so API processes starting together do not race.
const migrationLockKey = 0x5347_4c4e;

/** PostgreSQL through `postgres`; several API processes may share it. */
export async function openPostgres(url: string, maxConnections: number): Promise<OpenDatabase> {
  await migrateExclusively(url);
  const client = postgres(url, { max: maxConnections, onnotice: () => {} });
  const db = drizzle(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function migrateExclusively(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(client);
    await db.execute(sql`select pg_advisory_lock(${migrationLockKey})`);
    await migrate(db, { migrationsFolder });
    await db.execute(sql`select pg_advisory_unlock(${migrationLockKey})`);
  } finally {
    await client.end({ timeout: 5 });
  }
}
