import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

const defaultServer = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A PostgreSQL database that exists for one benchmark run. */
export interface ScratchPostgres {
  url: string;
  name: string;
  /** The server's own database, for administration. */
  serverUrl: string;
  description: string;
  /** Drops the database (closing other sessions); safe to call twice. */
  drop(): Promise<void>;
  /** Leaves the database in place and closes the administration connection. */
  keep(): Promise<void>;
}

/** Creates `sightline_sync_<random>` on the server of `serverUrl` (BENCH_DATABASE_URL, default the local one). */
export async function createScratchPostgres(serverUrl = defaultServer): Promise<ScratchPostgres> {
  const adminUrl = new URL(serverUrl);
  if (adminUrl.pathname === '' || adminUrl.pathname === '/') adminUrl.pathname = '/postgres';
  const name = `sightline_sync_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl.href, { max: 1, onnotice: () => {} });
  const [row] = await admin<{ server_version: string }[]>`show server_version`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl.href);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.href,
    name,
    serverUrl: adminUrl.href,
    description: `PostgreSQL ${row?.server_version ?? '?'} ${name} on ${adminUrl.host}`,
    async keep() {
      dropped = true;
      await admin.end({ timeout: 5 });
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    },
  };
}
