import { sql } from 'drizzle-orm';
import type { Database, OpenDatabase } from './database.js';
import { openPglite } from './open-pglite.js';
import { openPostgres } from './open-postgres.js';

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; without it the node uses embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** The node's data folder (PGlite keeps its files in `<dataDir>/pglite`). */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** An already open database (tests); takes precedence. */
  database?: OpenDatabase;
}

/** Opens the node's database and brings its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenDatabase> {
  if (options.database) return options.database;
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  if (!options.dataDir) throw new Error('either a database URL or a data folder is needed');
  return openPglite(options.dataDir);
}

/** Liveness of the database for /health. */
export async function databaseReady(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
