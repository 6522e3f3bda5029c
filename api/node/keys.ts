import { createPublicKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  type Ed25519KeyPair,
  exportPrivatePkcs8Pem,
  generateKeyPair,
  importPrivatePem,
  KEY_ROLES,
  type KeyRole,
  publicJwk,
} from '../../sdk/keys/index.js';
import type { NodeContext } from '../context.js';
import type { Database, Tx } from '../db/database.js';
import { nodeKeys } from '../db/schema.js';

/** The node's current key for each role. */
export type NodeKeys = Record<KeyRole, Ed25519KeyPair>;

// Serializes key creation and rotation between processes sharing one PostgreSQL.
const keyCreationLock = 0x5347_4b59;

/** Takes the key lock for the rest of the transaction. */
export async function lockKeys(tx: Tx | Database): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${keyCreationLock})`);
}

/**
 * Loads the active key of every role, creating missing ones. Private keys are PKCS#8 PEM files in
 * `<dataDir>/keys` (folder 0700, files 0600); the public halves are rows of `node_keys`.
 */
export async function loadOrCreateKeys(db: Database, dataDir: string): Promise<NodeKeys> {
  const folder = join(dataDir, 'keys');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);
  return db.transaction(async (tx) => {
    await lockKeys(tx);
    const entries = await Promise.all(
      KEY_ROLES.map(
        async (role) => [role, await activeKey(tx as unknown as Database, folder, role)] as const,
      ),
    );
    return Object.fromEntries(entries) as NodeKeys;
  });
}

async function activeKey(db: Database, folder: string, role: KeyRole): Promise<Ed25519KeyPair> {
  const [row] = await db
    .select({ kid: nodeKeys.kid })
    .from(nodeKeys)
    .where(and(eq(nodeKeys.role, role), isNull(nodeKeys.retiredAt)));
  if (row) return readPrivateKey(folder, role, row.kid);
  const key = generateKeyPair();
  writePrivateKey(folder, role, key);
  await db.insert(nodeKeys).values({ kid: key.kid, role, publicJwk: publicJwk(key.publicKey) });
  return key;
}

/**
 * The node's current key of `role`. Another API process sharing the database may have rotated it since this
 * one loaded its keys; the new key is then read from the shared data folder, so that no process goes on
 * signing with a key rotated away (and perhaps about to be revoked) until it restarts.
 */
export async function currentKey(ctx: NodeContext, role: KeyRole, db: Tx | Database = ctx.db) {
  const [row] = await db
    .select({ kid: nodeKeys.kid })
    .from(nodeKeys)
    .where(and(eq(nodeKeys.role, role), isNull(nodeKeys.retiredAt)));
  const held = ctx.keys[role];
  if (!row || row.kid === held.kid) return held;
  const key = readPrivateKey(join(ctx.dataDir, 'keys'), role, row.kid);
  // Unless a rotation in this process replaced the key meanwhile: this read may predate it.
  if (ctx.keys[role] === held) ctx.keys[role] = key;
  return key;
}

export function privateKeyPath(folder: string, role: KeyRole, kid: string): string {
  return join(folder, `${role}-${kid}.pem`);
}

function writePrivateKey(folder: string, role: KeyRole, key: Ed25519KeyPair): void {
  const path = privateKeyPath(folder, role, key.kid);
  writeFileSync(path, exportPrivatePkcs8Pem(key.privateKey), { mode: 0o600, flag: 'wx' });
}

function readPrivateKey(folder: string, role: KeyRole, kid: string): Ed25519KeyPair {
  const path = privateKeyPath(folder, role, kid);
  if (!existsSync(path)) {
    throw new Error(
      `private ${role} key ${kid} is missing from ${folder}; the data folder does not match the database`,
    );
  }
  const privateKey = importPrivatePem(readFileSync(path, 'utf8'));
  const key = { kid, privateKey, publicKey: createPublicKey(privateKey) };
  if (publicJwk(key.publicKey).kid !== kid) throw new Error(`key file ${path} does not hold key ${kid}`);
  return key;
}
