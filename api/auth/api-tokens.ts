import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { type ApiTokenRole, apiTokens } from '../db/schema.js';

const tokenPrefix = 'slt_';

/** Whether a bearer token has the form of an API token (a peer token is a JWT, which starts with `e`). */
export const isApiTokenForm = (token: string): boolean => token.startsWith(tokenPrefix);

/** Hierarchy of local roles: each includes the ones before it. */
const roleRank: Record<ApiTokenRole, number> = { reader: 0, analyst: 1, admin: 2 };

export const roleAllows = (held: ApiTokenRole, needed: ApiTokenRole) => roleRank[held] >= roleRank[needed];

const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Creates a bearer token; the secret is returned once and only its hash is stored. */
export async function createApiToken(db: Database, role: ApiTokenRole, label?: string) {
  const secret = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  await db.insert(apiTokens).values({ id, role, label, secretHash: hashSecret(secret) });
  return { id, role, secret };
}

/** The live token with this secret, or undefined. */
export async function findApiToken(db: Database, secret: string) {
  if (!secret.startsWith(tokenPrefix) || secret.length > 100) return undefined;
  const [row] = await db
    .select({ id: apiTokens.id, role: apiTokens.role })
    .from(apiTokens)
    .where(and(eq(apiTokens.secretHash, hashSecret(secret)), isNull(apiTokens.revokedAt)));
  return row;
}
