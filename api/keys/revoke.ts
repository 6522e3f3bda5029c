import { eq } from 'drizzle-orm';
import { signKeyAnnouncement } from '../../sdk/keys/index.js';
import type { NodeContext } from '../context.js';
import type { Tx } from '../db/database.js';
import { keyAnnouncements, nodeKeys } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';
import { appendLeaves } from '../log/append.js';
import { currentKey, lockKeys } from '../node/keys.js';
import { assertKeyEventsLeft } from './key-events-left.js';

/**
 * Marks one of the node's keys compromised from `since` on: records signed with it that are first logged
 * later are rejected everywhere. Announced signed by the role's current key, which must be another one; it
 * takes the key lock, so that a rotation by another API process cannot retire the signer meanwhile (peers
 * that took up the rotation would refuse a revocation signed by a key rotated away).
 */
export async function revokeKey(ctx: NodeContext, kid: string, since: string) {
  return ctx.db.transaction(async (tx) => {
    await lockKeys(tx);
    return revokeLocked(ctx, tx, kid, since);
  });
}

async function revokeLocked(ctx: NodeContext, tx: Tx, kid: string, since: string) {
  const [key] = await tx.select().from(nodeKeys).where(eq(nodeKeys.kid, kid));
  if (!key) throw new ProblemError(404, 'not_found', 'key not found', `this node has no key ${kid}`);
  const current = await currentKey(ctx, key.role, tx);
  if (current.kid === kid) {
    throw new ProblemError(
      409,
      'rotate_first',
      'the key is in use',
      `rotate the ${key.role} key first, then revoke the old one`,
    );
  }
  if (key.revokedSince && Date.parse(since) >= Date.parse(key.revokedSince)) {
    throw new ProblemError(
      409,
      'already_revoked',
      'the key is already revoked',
      `${kid} is revoked since ${key.revokedSince}; a revocation can only move earlier`,
    );
  }
  await assertKeyEventsLeft(ctx, tx, { revocation: { alreadyRevoked: key.revokedSince !== null } });
  const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const announcement = await signKeyAnnouncement(
    { type: 'key-revocation', member: ctx.member, role: key.role, kid, since, at },
    current,
  );
  await tx.update(nodeKeys).set({ revokedSince: since }).where(eq(nodeKeys.kid, kid));
  await tx
    .insert(keyAnnouncements)
    .values({ jws: announcement, member: ctx.member, type: 'key-revocation', at });
  await appendLeaves(tx, [
    { type: 'key', event: 'revoked', member: ctx.member, role: key.role, kid, at, since },
  ]);
  return { kid, role: key.role, since, announcement };
}
