// Builds one migrated template database per run; each test file copies it (PGlite initdb takes seconds).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { attachPglite } from '../../api/db/open-pglite.js';
import { openPostgres } from '../../api/db/open-postgres.js';
import { adminUrl, databaseUrl, testBackend } from './backend.js';

export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  if (testBackend() === 'postgres') {
    const template = `sightline_template_${process.pid}`;
    const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${template}`);
    await admin.unsafe(`create database ${template}`);
    const migrated = await openPostgres(databaseUrl(template), 1);
    await migrated.close();
    provide('templateDatabase', template);
    return async () => {
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const client = new PGlite();
  await attachPglite(client);
  const dump = await client.dumpDataDir('none');
  await client.close();
  const path = join(tmpdir(), `sightline-template-${process.pid}.tar`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  provide('templateDatabase', path);
}
