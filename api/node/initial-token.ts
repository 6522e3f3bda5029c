import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createApiToken } from '../auth/api-tokens.js';
import type { NodeContext } from '../context.js';
import { apiTokens } from '../db/schema.js';

/**
 * On a node with no API tokens at all, creates an admin token and writes it to `<dataDir>/initial-token`
 * (mode 0600), so a new operator can use the API at once without the secret ever reaching a log.
 */
export async function writeInitialToken(ctx: NodeContext, dataDir: string): Promise<string | undefined> {
  const [row] = await ctx.db.select({ count: sql<number>`count(*)::int` }).from(apiTokens);
  const path = join(dataDir, 'initial-token');
  if ((row?.count ?? 0) > 0 || existsSync(path)) return undefined;
  const { secret } = await createApiToken(ctx.db, 'admin', 'initial token');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return path;
}
