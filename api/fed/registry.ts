import { eq } from 'drizzle-orm';
import type { FederationFile } from '../../schemas/api/federation.js';
import { KEY_ROLES, type KeyRole } from '../../sdk/keys/index.js';
import type { NodeContext } from '../context.js';
import { memberKeys, members, peerSync } from '../db/schema.js';
import { ProblemError } from '../http/problem.js';

export interface MemberPins {
  id: string;
  /** Omitted: an existing member keeps its URL. null: it has none (a trusted author, not pulled from). */
  url?: string | null | undefined;
  keys: Partial<Record<KeyRole, readonly string[]>>;
  /** Record keys the member rotated away: they verify its earlier records and sign nothing else. */
  formerKeys?: { record?: readonly string[] } | undefined;
}

/** Adds a member to the registry, or updates its URL (when given) and adds pins. Pins are never replaced. */
export async function pinMember(ctx: NodeContext, member: MemberPins): Promise<void> {
  if (member.id === ctx.member)
    throw new ProblemError(409, 'self_member', 'a node cannot pin itself', `${member.id} is this node`);
  await ctx.db.transaction(async (tx) => {
    const insert = tx.insert(members).values({ id: member.id, url: member.url ?? null });
    if (member.url === undefined) await insert.onConflictDoNothing();
    else await insert.onConflictDoUpdate({ target: members.id, set: { url: member.url } });
    const former = new Set(member.formerKeys?.record ?? []);
    const pins = [
      ...KEY_ROLES.flatMap((role) => (member.keys[role] ?? []).map((kid) => ({ kid, role }))),
      ...[...former].map((kid) => ({ kid, role: 'record' as const })),
    ];
    for (const { kid, role } of pins) {
      const [existing] = await tx.select().from(memberKeys).where(eq(memberKeys.kid, kid));
      if (existing && (existing.member !== member.id || existing.role !== role)) {
        throw new ProblemError(
          409,
          'key_conflict',
          'key already pinned elsewhere',
          `${kid} is pinned as ${existing.member}'s ${existing.role} key`,
        );
      }
      // Marking a key former only takes trust away (it signs no announcement), so it is never undone.
      const isFormer = role === 'record' && former.has(kid);
      if (!existing) await tx.insert(memberKeys).values({ kid, member: member.id, role, former: isFormer });
      else if (isFormer && !existing.former)
        await tx.update(memberKeys).set({ former: true }).where(eq(memberKeys.kid, kid));
    }
    if (member.url) await tx.insert(peerSync).values({ member: member.id }).onConflictDoNothing();
  });
}

/**
 * Removes a member: its pins and sync state go; records it authored stay (they were verified when taken), and
 * so do its key announcements, still relayed beside them. Pinned again, it is pulled from the start, so
 * records it served that were refused before come again.
 */
export async function removeMember(ctx: NodeContext, id: string): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const removed = await tx.delete(members).where(eq(members.id, id)).returning({ id: members.id });
    await tx.delete(memberKeys).where(eq(memberKeys.member, id));
    await tx.delete(peerSync).where(eq(peerSync.member, id));
    return removed.length > 0;
  });
}

/**
 * Pins every member a federation file lists (the entry for this node is skipped). Existing pins stay; the
 * file decides URLs, so an entry without one makes the member a trusted author that is not pulled from.
 */
export async function applyFederationFile(ctx: NodeContext, file: FederationFile): Promise<void> {
  for (const member of file.members) {
    if (member.id !== ctx.member) await pinMember(ctx, { ...member, url: member.url ?? null });
  }
}
