import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { inject } from 'vitest';
import type { OpenDatabase } from '../../api/db/database.js';
import { attachPglite } from '../../api/db/open-pglite.js';
import { openPostgres } from '../../api/db/open-postgres.js';
import { adminUrl, databaseUrl, testBackend } from './backend.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export interface TestDatabase extends OpenDatabase {
  /** Set for PostgreSQL: lets several node processes share this database. */
  url?: string;
}

/** A fresh, migrated database of its own, copied from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('templateDatabase');
  if (testBackend() === 'postgres') {
    const name = `sightline_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${template}`);
    const url = databaseUrl(name);
    const database = await openPostgres(url, 5);
    return {
      ...database,
      url,
      async close() {
        await database.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const client = new PGlite({ loadDataDir: new Blob([readFileSync(template)]) });
  return attachPglite(client);
}
