import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import {
  type Ed25519KeyPair,
  exportPrivatePkcs8Pem,
  generateKeyPair,
  type KeyRole,
  publicJwk,
  signKeyAnnouncement,
  signKeyRotation,
} from '../../sdk/keys/index.js';
import type { NodeContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { keyAnnouncements, nodeKeys } from '../db/schema.js';
import { appendLeaves } from '../log/append.js';
import { currentKey, lockKeys, privateKeyPath } from '../node/keys.js';
import { assertKeyEventsLeft } from './key-events-left.js';

const nowSeconds = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Replaces the node's key for `role`: the new key is announced signed by the old one (so peers accept it
 * without a new out-of-band exchange), the old public key stays published to verify old records, and the
 * event becomes a log leaf. Rotations from several API processes take turns, each from the key then current:
 * two rotations away from one key would contest each other at every peer.
 */
export async function rotateKey(ctx: NodeContext, dataDir: string, role: KeyRole) {
  // Checked again under the key lock; checked first too, so that a refused rotation seldom leaves a key file.
  await assertKeyEventsLeft(ctx, ctx.db, 'rotation');
  const next = generateKeyPair();
  // Written first, so that another API process never finds the key current without its file.
  writeFileSync(
    privateKeyPath(join(dataDir, 'keys'), role, next.kid),
    exportPrivatePkcs8Pem(next.privateKey),
    { mode: 0o600, flag: 'wx' },
  );
  const { old, announcement } = await rotateInDatabase(ctx, role, next);
  ctx.keys[role] = next;
  return { role, oldKid: old.kid, newKid: next.kid, announcement };
}

/** The role's revoked keys, each with its start as RFC 3339 UTC whatever the session's DateStyle. */
function revokedKeysOf(tx: Tx, role: KeyRole) {
  return tx
    .select({
      kid: nodeKeys.kid,
      since: sql<string>`to_char(${nodeKeys.revokedSince} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(nodeKeys)
    .where(and(eq(nodeKeys.role, role), isNotNull(nodeKeys.revokedSince)));
}

function rotateInDatabase(ctx: NodeContext, role: KeyRole, next: Ed25519KeyPair) {
  return ctx.db.transaction(async (tx) => {
    await lockKeys(tx);
    const old = await currentKey(ctx, role, tx);
    const revoked = await revokedKeysOf(tx, role);
    await assertKeyEventsLeft(ctx, tx, 'rotation');
    const at = nowSeconds();
    const announcement = await signKeyRotation({ member: ctx.member, role, at }, old, next);
    // A revocation signed by the old key is refused by whoever takes this rotation first (a key rotated away
    // signs nothing), say a member pinning this node's keys afresh: the new key signs each standing one again.
    const standing = await Promise.all(
      revoked.map(({ kid, since }) =>
        signKeyAnnouncement({ type: 'key-revocation', member: ctx.member, role, kid, since, at }, next),
      ),
    );
    await tx.update(nodeKeys).set({ retiredAt: at }).where(eq(nodeKeys.kid, old.kid));
    await tx.insert(nodeKeys).values({ kid: next.kid, role, publicJwk: publicJwk(next.publicKey) });
    await tx
      .insert(keyAnnouncements)
      .values([
        { jws: announcement, member: ctx.member, type: 'key-rotation', at },
        ...standing.map((jws) => ({ jws, member: ctx.member, type: 'key-revocation' as const, at })),
      ]);
    await appendLeaves(tx, [{ type: 'key', event: 'rotated', member: ctx.member, role, kid: next.kid, at }]);
    return { old, announcement };
  });
}
