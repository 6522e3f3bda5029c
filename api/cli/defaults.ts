/** Defaults of `sightline start` and friends; each has an environment equivalent. */
export const defaults = {
  member: 'EU',
  dataDir: './data',
  port: '8080',
  host: '127.0.0.1',
} as const;

export const env = {
  member: 'SIGHTLINE_MEMBER',
  dataDir: 'SIGHTLINE_DATA',
  port: 'PORT',
  host: 'SIGHTLINE_HOST',
  databaseUrl: 'DATABASE_URL',
  publicUrl: 'SIGHTLINE_PUBLIC_URL',
  logLevel: 'SIGHTLINE_LOG_LEVEL',
} as const;

/** Options shared by every command that opens the node's storage. */
export const storageOptions = {
  data: { type: 'string', short: 'd' },
  'database-url': { type: 'string' },
} as const;

export const storageUsage = `  --data, -d DIR         data folder: keys, and the embedded database (env ${env.dataDir}, default ${defaults.dataDir})
  --database-url URL     use PostgreSQL instead of the embedded database (env ${env.databaseUrl})`;
