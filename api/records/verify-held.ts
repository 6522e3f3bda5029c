import type { PinnedKeySet } from '../../sdk/keys/index.js';
import { type RecordVerification, verifyRecord } from '../../sdk/record/index.js';
import type { NodeContext } from '../context.js';
import { verifyWithKeys } from '../ingest/verify-batch.js';
import { trustedLogTimes } from './logged-at.js';

/**
 * Verifies records this node holds against `keys` (in the worker pool when one runs), where revoked keys are
 * marked (`pinnedKeys(..., { includeRevoked: true })`). A record signed with a revoked key is refused
 * (`key_revoked`) unless this node can vouch it was first logged before the revocation's start
 * (trustedLogTimes): only those records are verified again, with that time.
 *
 * @example
 * const keys = await pinnedKeys(ctx.db, ctx.member, { role: 'record', includeRevoked: true });
 * const picture = reconcile(await verifyHeldRecords(ctx, jwsList, keys));
 */
export async function verifyHeldRecords(
  ctx: NodeContext,
  jwsList: readonly string[],
  keys: PinnedKeySet,
): Promise<RecordVerification[]> {
  const verifications = await verifyWithKeys(ctx, jwsList, keys);
  const revoked = verifications.flatMap((v, at) =>
    !v.ok && v.code === 'key_revoked' && v.id !== undefined ? [{ at, id: v.id }] : [],
  );
  if (revoked.length === 0) return verifications;
  const times = await trustedLogTimes(
    ctx.db,
    revoked.map(({ id }) => id),
  );
  const result = [...verifications];
  for (const { at, id } of revoked) {
    const loggedAt = times.get(id);
    if (loggedAt !== undefined) result[at] = verifyRecord(jwsList[at] as string, keys.resolve, { loggedAt });
  }
  return result;
}
