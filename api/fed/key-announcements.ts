import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { importPublicJwk, type KeyAnnouncement, verifyKeyAnnouncement } from '../../sdk/keys/index.js';
import type { NodeContext } from '../context.js';
import { keyAnnouncements, memberKeys } from '../db/schema.js';

/**
 * Applies members' signed key announcements: a rotation signed by a pinned key pins the new key for the
 * same member and role; a revocation signed by another pinned key of that role marks that member's key revoked
 * (from the earliest `since` announced).
 * Chains (A -> B -> C) apply in one call. Anything that does not verify is ignored.
 */
export async function applyKeyAnnouncements(
  ctx: NodeContext,
  announcements: readonly string[],
): Promise<number> {
  const known = await ctx.db
    .select({ jws: keyAnnouncements.jws })
    .from(keyAnnouncements)
    .where(inArray(keyAnnouncements.jws, [...announcements]));
  let pending = announcements.filter((jws) => !known.some((k) => k.jws === jws));
  let applied = 0;
  for (let progress = true; progress && pending.length; ) {
    progress = false;
    const pins = await ctx.db.select().from(memberKeys);
    const resolve = (kid: string) => {
      const pin = pins.find((p) => p.kid === kid && p.jwk);
      if (!pin) return undefined;
      const { member, role, revokedSince } = pin;
      return { member, role, revokedSince, publicKey: importPublicJwk(pin.jwk) };
    };
    const next: string[] = [];
    for (const jws of pending) {
      const event = await verifyKeyAnnouncement(jws, resolve).catch(() => undefined);
      if (!event) {
        next.push(jws);
        continue;
      }
      await apply(ctx, event, jws);
      applied++;
      progress = true;
    }
    pending = next;
  }
  return applied;
}

async function apply(ctx: NodeContext, event: KeyAnnouncement, jws: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (event.type === 'key-rotation') {
      await tx
        .insert(memberKeys)
        .values({ kid: event.newKid, member: event.member, role: event.role, jwk: event.newJwk })
        .onConflictDoNothing();
    } else {
      // A revocation only ever moves earlier: a later one must not reopen a window a compromise closed.
      await tx
        .update(memberKeys)
        .set({ revokedSince: event.since })
        .where(
          and(
            eq(memberKeys.kid, event.kid),
            eq(memberKeys.member, event.member),
            eq(memberKeys.role, event.role),
            or(isNull(memberKeys.revokedSince), gt(memberKeys.revokedSince, event.since)),
          ),
        );
    }
    await tx
      .insert(keyAnnouncements)
      .values({ jws, member: event.member, type: event.type, at: event.at })
      .onConflictDoNothing();
  });
}
