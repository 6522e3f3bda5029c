import {
  type FederationWithAnnouncements,
  loadFederationWithAnnouncements,
} from '../../../sdk/federation/index.js';
import { type KeyAnnouncement, type KeyRole, keyAnnouncementSchema } from '../../../sdk/keys/index.js';
import { unverifiedPayload } from '../../fed/unverified-payload.js';

type RoleKids = Record<KeyRole, string[]>;

function announcementOf(jws: string): KeyAnnouncement | undefined {
  const parsed = keyAnnouncementSchema.safeParse(unverifiedPayload(jws));
  return parsed.success ? parsed.data : undefined;
}

/**
 * A node's own kids per role, with those it rotated away from. Its identity lists only current keys, so a
 * record it signed before a rotation would not verify; its own rotations, followed back from each current
 * key, name the keys before. They come from the node about itself, as its identity does: a node stores no
 * announcement about itself but its own (a peer's key cannot be pinned to this member).
 */
function withOwnFormerKids(member: string, current: RoleKids, announcements: readonly string[]): RoleKids {
  const previous = new Map<string, string>();
  for (const jws of announcements) {
    const event = announcementOf(jws);
    if (event?.type === 'key-rotation' && event.member === member)
      previous.set(`${event.role}\u0000${event.newKid}`, event.oldKid);
  }
  const withFormer = { ...current };
  for (const role of Object.keys(current) as KeyRole[]) {
    const kids = new Set(current[role]);
    for (const kid of current[role]) {
      // A chain is finite, but the set also stops a cycle a broken list might describe.
      for (let old = previous.get(`${role}\u0000${kid}`); old && !kids.has(old); ) {
        kids.add(old);
        old = previous.get(`${role}\u0000${old}`);
      }
    }
    withFormer[role] = [...kids];
  }
  return withFormer;
}

const SETS = { record: 'records', log: 'log', witness: 'witness', peer: 'peer' } as const;

/**
 * Former kids the node revoked whose revocation the loaded federation did not apply. Verifiers drop a
 * revocation signed by a key revoked since (say K0's, signed by K1, once K1 is revoked too), where the
 * node's peers took it up long before; such a key must not act as unrevoked, so it is left unpinned.
 */
function unappliedRevocations(
  member: string,
  current: RoleKids,
  announcements: readonly string[],
  federation: FederationWithAnnouncements,
): RoleKids {
  const unapplied: RoleKids = { record: [], log: [], witness: [], peer: [] };
  for (const jws of announcements) {
    const event = announcementOf(jws);
    if (event?.type !== 'key-revocation' || event.member !== member) continue;
    if (current[event.role].includes(event.kid)) continue;
    const pinned = federation[SETS[event.role]].resolve(event.kid);
    if (pinned && pinned.revokedSince === undefined) unapplied[event.role].push(event.kid);
  }
  return unapplied;
}

/** A member as the node's identity and peer list describe it. */
export interface MemberKids {
  id: string;
  keys: RoleKids;
  /** The record keys pinned as rotated away (the peer list's formerKeys). */
  formerKeys?: { record: string[] };
}

/**
 * The node's pins as a federation file, for an offline audit: its peers' keys, and its own with the keys it
 * rotated away from. A revocation counts only as its member signed it, checked against those pins, and a
 * revoked log key vouches for no checkpoint (Federation.log.keysOf leaves it out).
 */
export async function auditFederation(
  self: MemberKids,
  peers: readonly MemberKids[],
  jwks: readonly unknown[],
  announcements: readonly string[],
): Promise<FederationWithAnnouncements> {
  const load = (keys: RoleKids) =>
    loadFederationWithAnnouncements(
      {
        members: [
          { id: self.id, keys },
          ...peers.map(({ id, keys, formerKeys }) => ({ id, keys, ...(formerKeys ? { formerKeys } : {}) })),
        ],
      },
      jwks,
      announcements,
    );
  const ownKeys = withOwnFormerKids(self.id, self.keys, announcements);
  const federation = await load(ownKeys);
  const unapplied = unappliedRevocations(self.id, self.keys, announcements, federation);
  const roles = Object.keys(ownKeys) as KeyRole[];
  if (roles.every((role) => unapplied[role].length === 0)) return federation;
  const kept = Object.fromEntries(
    roles.map((role) => [role, ownKeys[role].filter((kid) => !unapplied[role].includes(kid))]),
  ) as RoleKids;
  return load(kept);
}
