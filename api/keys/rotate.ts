import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import {
  exportPrivatePkcs8Pem,
  generateKeyPair,
  type KeyRole,
  publicJwk,
  signKeyRotation,
} from '../../sdk/keys/index.js';
import type { NodeContext } from '../context.js';
import { keyAnnouncements, nodeKeys } from '../db/schema.js';
import { appendLeaves } from '../log/append.js';
import { currentKey, lockKeys, privateKeyPath } from '../node/keys.js';

const nowSeconds = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Replaces the node's key for `role`: the new key is announced signed by the old one (so peers accept it
 * without a new out-of-band exchange), the old public key stays published to verify old records, and the
 * event becomes a log leaf. Rotations from several API processes take turns, each from the key then current:
 * two rotations away from one key would contest each other at every peer.
 */
export async function rotateKey(ctx: NodeContext, dataDir: string, role: KeyRole) {
  const next = generateKeyPair();
  writeFileSync(
    privateKeyPath(join(dataDir, 'keys'), role, next.kid),
    exportPrivatePkcs8Pem(next.privateKey),
    { mode: 0o600, flag: 'wx' },
  );
  const { old, announcement } = await ctx.db.transaction(async (tx) => {
    await lockKeys(tx);
    const old = await currentKey(ctx, role, tx);
    const at = nowSeconds();
    const announcement = await signKeyRotation({ member: ctx.member, role, at }, old, next);
    await tx.update(nodeKeys).set({ retiredAt: at }).where(eq(nodeKeys.kid, old.kid));
    await tx.insert(nodeKeys).values({ kid: next.kid, role, publicJwk: publicJwk(next.publicKey) });
    await tx
      .insert(keyAnnouncements)
      .values({ jws: announcement, member: ctx.member, type: 'key-rotation', at });
    await appendLeaves(tx, [{ type: 'key', event: 'rotated', member: ctx.member, role, kid: next.kid, at }]);
    return { old, announcement };
  });
  ctx.keys[role] = next;
  return { role, oldKid: old.kid, newKid: next.kid, announcement };
}
