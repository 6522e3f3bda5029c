import { and, eq, isNotNull } from 'drizzle-orm';
import { PinnedKeySet } from '../../../sdk/keys/index.js';
import { type RecordVerification, verifyRecord } from '../../../sdk/record/index.js';
import type { NodeContext } from '../../context.js';
import { memberKeys } from '../../db/schema.js';
import { decodeLeaf } from '../../log/leaf.js';

/**
 * A revocation rejects the records first logged after its start (DESIGN.md, decision 4), not those before.
 * When the sender is the author, its verified leaf says when the record was first logged, so a record
 * refused for a revoked key is verified again with that key if it was logged before the revocation's start.
 * A relay's leaf tells only when the relay logged it, so relayed records get no such second look.
 */
export async function admitLoggedBeforeRevocation(
  ctx: NodeContext,
  sender: string,
  jwsList: readonly string[],
  senderLeaves: readonly string[],
  verifications: RecordVerification[],
): Promise<RecordVerification[]> {
  const refused = verifications.flatMap((v, at) => (!v.ok && v.code === 'unknown_kid' && v.kid ? [at] : []));
  if (refused.length === 0) return verifications;
  const revoked = await ctx.db
    .select({ kid: memberKeys.kid, jwk: memberKeys.jwk, revokedSince: memberKeys.revokedSince })
    .from(memberKeys)
    .where(
      and(eq(memberKeys.member, sender), eq(memberKeys.role, 'record'), isNotNull(memberKeys.revokedSince)),
    );
  const byKid = new Map(revoked.map((pin) => [pin.kid, pin]));
  const admitted = [...verifications];
  for (const at of refused) {
    const pin = byKid.get(verifications[at]?.kid as string);
    const leaf = decodeLeaf(senderLeaves[at] ?? '');
    if (!pin?.jwk || !pin.revokedSince || leaf?.from !== 'self' || typeof leaf.at !== 'string') continue;
    if (!(Date.parse(leaf.at) < Date.parse(pin.revokedSince))) continue;
    const keys = PinnedKeySet.fromKeys([{ member: sender, jwk: pin.jwk }]);
    const again = verifyRecord(jwsList[at] as string, keys.resolve);
    if (again.ok && again.author === sender && again.id === leaf.id) admitted[at] = again;
  }
  return admitted;
}
