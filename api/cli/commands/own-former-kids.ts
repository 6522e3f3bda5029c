import {
  decodeBase64Url,
  type KeyAnnouncement,
  type KeyRole,
  keyAnnouncementSchema,
} from '../../../sdk/keys/index.js';

type RoleKids = Record<KeyRole, string[]>;

function rotationOf(jws: string): Extract<KeyAnnouncement, { type: 'key-rotation' }> | undefined {
  const bytes = decodeBase64Url(jws.split('.')[1] ?? '');
  if (!bytes) return undefined;
  try {
    const parsed = keyAnnouncementSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success && parsed.data.type === 'key-rotation' ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A node's own kids per role, with those it rotated away from. Its identity lists only current keys, so a
 * record it signed before a rotation would not verify; its own rotations, followed back from each current
 * key, name the keys before. They come from the node about itself, as its identity does, and the SDK still
 * verifies each rotation and applies the revocations the node signed.
 */
export function withOwnFormerKids(
  member: string,
  current: RoleKids,
  announcements: readonly string[],
): RoleKids {
  const previous = new Map<string, string>();
  for (const jws of announcements) {
    const rotation = rotationOf(jws);
    if (rotation?.member === member)
      previous.set(`${rotation.role}\u0000${rotation.newKid}`, rotation.oldKid);
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
