import type { KeyObject } from 'node:crypto';
import type { AnnouncementKeys } from './announcement.js';
import { announcementRound } from './announcement-rounds.js';
import { importPublicJwk } from './jwk.js';
import { earlierRevocation, type KeyRevocation } from './revocation.js';
import type { KeyRole } from './roles.js';

/** A key pinned to a member for a role, with its public key when the material is at hand. */
export interface KeyPin {
  member: string;
  role: KeyRole;
  publicKey?: KeyObject;
  /** Pinned as a key the member rotated away: it signs no announcement. */
  retired?: boolean;
}

/** What came of a list of key announcements. */
export interface AnnouncedRevocations {
  /** One per revoked key, from the earliest start announced for it. */
  revocations: KeyRevocation[];
  /** The announcements that took no effect: they did not verify against the pins, or a valid one contested them. */
  ignored: string[];
}

/**
 * The revocations that members' signed key announcements (what a node serves in `GET /fed/v1/keys` as
 * `announcements`) make of `pins`, by the rules a node follows: each is verified with verifyKeyAnnouncement
 * against the pinned key that signed it, which must be pinned to that member and role, not revoked and not
 * rotated away, and a member revokes only its own keys. They apply in rounds, each checked against the pins as
 * the rounds before left them; a key named by a valid revocation of the round signs nothing in it, and two
 * rotations of one key to different keys are both refused. A key's earliest start wins.
 *
 * Announcements only take trust away here: a rotation retires the key that signed it (so that key signs no
 * later announcement), and its new key verifies no record, as the pins decide which keys count. As at a node,
 * though, the new key may sign the member's later announcements: a member's revocations reach a verifier
 * whose pins are some rotations old, signed by the member's key in force. It gives no one more power, as
 * whoever holds the pinned key that signed the rotation could sign those revocations itself.
 *
 * @example
 * const pins = new Map([
 *   [stolen.kid, { member: 'DE', role: 'record', publicKey: stolen.publicKey }],
 *   [current.kid, { member: 'DE', role: 'record', publicKey: current.publicKey }],
 * ]);
 * const { revocations, ignored } = await announcedRevocations(pins, served.announcements);
 * const records = PinnedKeySet.fromFederation(file, jwks, 'record', revocations);
 */
export async function announcedRevocations(
  pins: ReadonlyMap<string, KeyPin>,
  announcements: readonly string[],
): Promise<AnnouncedRevocations> {
  const revokedSince = new Map<string, string>();
  const retired = new Set<string>();
  const followed = new Map<string, KeyPin>();
  const pinned = (kid: string) => pins.get(kid) ?? followed.get(kid);
  const keys: AnnouncementKeys = {
    signer(kid) {
      const pin = pinned(kid);
      if (!pin?.publicKey) return undefined;
      const { member, role, publicKey } = pin;
      return {
        member,
        role,
        publicKey,
        revokedSince: revokedSince.get(kid) ?? null,
        retired: retired.has(kid) || pin.retired === true,
      };
    },
    pinOf(kid) {
      const pin = pinned(kid);
      return pin && { member: pin.member, role: pin.role };
    },
  };
  let pending = [...new Set(announcements)];
  for (;;) {
    const { applicable: uncontested } = await announcementRound(pending, keys);
    if (uncontested.length === 0) {
      const revocations = [...revokedSince].map(([kid, since]) => ({ kid, since }));
      return { revocations, ignored: pending };
    }
    for (const { event } of uncontested) {
      if (event.type === 'key-revocation') {
        revokedSince.set(event.kid, earlierRevocation(revokedSince.get(event.kid), event.since));
      } else {
        retired.add(event.oldKid);
        const { member, role, newKid, newJwk } = event;
        if (!pinned(newKid)) followed.set(newKid, { member, role, publicKey: importPublicJwk(newJwk) });
      }
    }
    const done = new Set(uncontested.map(({ jws }) => jws));
    pending = pending.filter((jws) => !done.has(jws));
  }
}
