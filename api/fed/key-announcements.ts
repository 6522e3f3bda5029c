import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { decodeProtectedHeader } from 'jose';
import { announcementRound } from '../../sdk/keys/announcement-rounds.js';
import { type AnnouncementKeys, importPublicJwk, type KeyAnnouncement } from '../../sdk/keys/index.js';
import type { NodeContext } from '../context.js';
import { keyAnnouncements, memberKeys } from '../db/schema.js';

/**
 * Applies members' signed key announcements: a rotation signed by a pinned key pins the new key for the
 * same member and role; a revocation signed by another pinned key of that role marks that member's key revoked
 * (from the earliest `since` announced). Chains (A -> B -> C) apply in one call. Anything that does not verify
 * is ignored.
 *
 * Announcements apply in rounds, each checked against the pins as the rounds before left them (a round
 * verifies every pending one, so a long list costs a few rounds, not one per announcement). A key that
 * some valid revocation in the round names signs nothing in it, and two rotations of one key to different
 * keys are both refused: either may be the work of whoever stole the key, and which came first proves nothing.
 */
export async function applyKeyAnnouncements(
  ctx: NodeContext,
  announcements: readonly string[],
  options: { again?: boolean } = {},
): Promise<number> {
  const known = options.again
    ? []
    : await ctx.db
        .select({ jws: keyAnnouncements.jws })
        .from(keyAnnouncements)
        .where(inArray(keyAnnouncements.jws, [...announcements]));
  const stored = new Set(known.map((k) => k.jws));
  let pending = announcements.filter((jws) => !stored.has(jws));
  // Every sync pass with records to take gets here: with nothing new, it costs no key lookups.
  if (pending.length === 0) return 0;
  let applied = 0;
  for (;;) {
    const round = await announcementRound(pending, await announcementKeys(ctx, new Set(pending)));
    const uncontested = round.applicable;
    if (uncontested.length === 0) {
      if (round.verified > 0)
        ctx.logger.warn({ announcements: round.verified }, 'key announcements in conflict were not applied');
      return applied;
    }
    for (const { event, jws } of uncontested) await apply(ctx, event, jws);
    applied += uncontested.length;
    const done = new Set(uncontested.map(({ jws }) => jws));
    pending = pending.filter((jws) => !done.has(jws));
  }
}

/**
 * The pins as they stand, and which keys a rotation already replaced. A rotation being applied again (kept
 * from before a member was pinned afresh) does not count yet: as the first time, it retires its signer only
 * once it applies, so what that signer announced before it applies too.
 */
async function announcementKeys(ctx: NodeContext, pending: ReadonlySet<string>): Promise<AnnouncementKeys> {
  const pins = await ctx.db.select().from(memberKeys);
  const rotations = await ctx.db
    .select({ jws: keyAnnouncements.jws })
    .from(keyAnnouncements)
    .where(eq(keyAnnouncements.type, 'key-rotation'));
  // Stored rotations were verified when applied, so each was signed by the key it rotated away.
  const retired = new Set(rotations.filter(({ jws }) => !pending.has(jws)).map(({ jws }) => signerOf(jws)));
  const byKid = new Map(pins.map((pin) => [pin.kid, pin]));
  return {
    signer(kid) {
      const pin = byKid.get(kid);
      if (!pin?.jwk) return undefined;
      const { member, role, revokedSince } = pin;
      const isRetired = retired.has(kid) || pin.former;
      return { member, role, revokedSince, retired: isRetired, publicKey: importPublicJwk(pin.jwk) };
    },
    pinOf(kid) {
      const pin = byKid.get(kid);
      return pin && { member: pin.member, role: pin.role };
    },
  };
}

/** The kid in an announcement's protected header: for a rotation, the rotated-away key (it must sign). */
function signerOf(jws: string): string {
  return decodeProtectedHeader(jws).kid as string;
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
