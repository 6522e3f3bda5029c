/** Which database the suite runs on: PGlite by default, PostgreSQL with SIGHTLINE_TEST_DB=postgres. */
export function testBackend(): 'pglite' | 'postgres' {
  return process.env.SIGHTLINE_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** Server to create per-file databases on (local cluster, trust auth). */
export function adminUrl(): string {
  return process.env.SIGHTLINE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
