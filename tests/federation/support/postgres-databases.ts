import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { adminUrl, databaseUrl, testBackend } from '../../support/backend.js';

/**
 * A new, migrated PostgreSQL database for a node process, copied from the run's template, with the function
 * that drops it. Only when the suite runs with SIGHTLINE_TEST_DB=postgres.
 */
export async function createProcessDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (testBackend() !== 'postgres')
    throw new Error('PostgreSQL node processes need SIGHTLINE_TEST_DB=postgres');
  const name = `sightline_fed_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${inject('templateDatabase')}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(name),
    async drop() {
      const cleanup = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
