import { decodeProtectedHeader } from 'jose';
import { type AnnouncementKeys, type KeyAnnouncement, verifyKeyAnnouncement } from './announcement.js';

/** A key announcement that verified against the pins of its round. */
export interface CheckedAnnouncement {
  jws: string;
  event: KeyAnnouncement;
  /** The kid that signed it: for a rotation, the key rotated away (it must sign). */
  signer: string;
}

/**
 * One round of key announcements: those that verify against the pins as they stand (verifyKeyAnnouncement),
 * less those another valid one contests. A key that a valid revocation of the round names signs nothing in
 * it, and two rotations of one key to different keys are both refused: either may be the work of whoever
 * stole the key, and which came first proves nothing. Nodes and offline verifiers apply rounds until one
 * applies nothing, so neither a thief nor the order of a relay's list decides.
 *
 * @example
 * for (let pending = served; ; ) {
 *   const { applicable } = await announcementRound(pending, pinsAsTheyStand());
 *   if (applicable.length === 0) break;
 *   for (const { event } of applicable) apply(event);
 *   pending = pending.filter((jws) => !applicable.some((done) => done.jws === jws));
 * }
 */
export async function announcementRound(
  pending: readonly string[],
  keys: AnnouncementKeys,
): Promise<{ applicable: CheckedAnnouncement[]; verified: number }> {
  const checked: CheckedAnnouncement[] = [];
  for (const jws of pending) {
    const event = await verifyKeyAnnouncement(jws, keys).catch(() => undefined);
    if (event) checked.push({ jws, event, signer: decodeProtectedHeader(jws).kid as string });
  }
  const revoked = new Set(
    checked.flatMap(({ event }) => (event.type === 'key-revocation' ? [event.kid] : [])),
  );
  const successors = new Map<string, Set<string>>();
  for (const { event } of checked) {
    if (event.type !== 'key-rotation') continue;
    successors.set(event.oldKid, (successors.get(event.oldKid) ?? new Set()).add(event.newKid));
  }
  const applicable = checked.filter(
    ({ event, signer }) =>
      !revoked.has(signer) &&
      !(event.type === 'key-rotation' && (successors.get(event.oldKid)?.size ?? 0) > 1),
  );
  return { applicable, verified: checked.length };
}
