import { decodeProtectedHeader } from 'jose';
import type { Database } from '../db/database.js';
import { keyAnnouncements } from '../db/schema.js';
import { unverifiedPayload } from './unverified-payload.js';

/**
 * Which stored announcements say the same thing, and how to pick among them: of the rotations away from one
 * key (only one can have applied), the first; of the revocations of one key by one signer, the earliest
 * start, the one in force, as a revocation only ever moves earlier. Stored ones were verified.
 */
function sameEvent(jws: string, type: string): { group: string; rank: number } | undefined {
  try {
    const signer = decodeProtectedHeader(jws).kid;
    if (type === 'key-rotation') return { group: `rotation ${signer}`, rank: 0 };
    const { kid, since } = unverifiedPayload(jws) ?? {};
    return { group: `revocation ${kid} ${signer}`, rank: Date.parse(String(since)) };
  } catch {
    return undefined;
  }
}

/**
 * The key announcements a node relays: one per key event, so no one repeating an event (a member, or whoever
 * stole one of its keys) can grow the list or push the announcement that counts out of anyone's reach.
 */
export async function servedAnnouncements(db: Database): Promise<string[]> {
  const rows = await db
    .select({ jws: keyAnnouncements.jws, type: keyAnnouncements.type })
    .from(keyAnnouncements)
    .orderBy(keyAnnouncements.at, keyAnnouncements.jws);
  const chosen = new Map<string, { rank: number; jws: string }>();
  for (const { jws, type } of rows) {
    const event = sameEvent(jws, type);
    if (!event) continue;
    const known = chosen.get(event.group);
    if (!known || event.rank < known.rank) chosen.set(event.group, { rank: event.rank, jws });
  }
  const served = new Set([...chosen.values()].map(({ jws }) => jws));
  return rows.filter(({ jws }) => served.has(jws)).map(({ jws }) => jws);
}
