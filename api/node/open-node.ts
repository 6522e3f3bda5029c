import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Logger, pino } from 'pino';
import type { NodeContext } from '../context.js';
import type { OpenDatabase } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { projectRoot } from '../paths.js';
import { ensureIdentity } from './identity.js';
import { loadOrCreateKeys } from './keys.js';

export interface OpenNodeOptions {
  member: string;
  dataDir: string;
  databaseUrl?: string;
  /** An already open database (tests). */
  database?: OpenDatabase;
  baseUrl?: string;
  logger?: Logger;
}

export const softwareVersion = (
  JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }
).version;

/** Opens (creating on first use) a node's database, identity and keys. */
export async function openNode(options: OpenNodeOptions): Promise<NodeContext & { close(): Promise<void> }> {
  const database = await openDatabase(options);
  try {
    const member = await ensureIdentity(database.db, options.member);
    const keys = await loadOrCreateKeys(database.db, options.dataDir);
    return {
      db: database.db,
      databaseKind: database.kind,
      member,
      keys,
      dataDir: options.dataDir,
      baseUrl: options.baseUrl ?? 'http://127.0.0.1:8080',
      logger: options.logger ?? pino({ level: 'silent' }),
      version: softwareVersion,
      close: database.close,
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
