import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { adminUrl, databaseUrl } from '../../support/backend.js';

/** True when the local PostgreSQL server (SIGHTLINE_TEST_DATABASE_URL or 127.0.0.1:5432) answers. */
export async function postgresReachable(): Promise<boolean> {
  const client = postgres(adminUrl(), { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
  }
}

/** A new, empty database on that server, dropped by `drop()`. */
export async function scratchPostgres(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  return {
    url: databaseUrl(name),
    async drop() {
      try {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}
