import { decodeProtectedHeader } from 'jose';
import { decodeBase64Url } from '../../sdk/keys/index.js';
import type { Database } from '../db/database.js';
import { keyAnnouncements } from '../db/schema.js';

/** The revoked kid and start of a stored revocation (verified when stored), with the kid that signed it. */
function revocationOf(jws: string): { key: string; since: number } | undefined {
  try {
    const payload = JSON.parse(
      (decodeBase64Url(jws.split('.')[1] ?? '') ?? Buffer.alloc(0)).toString('utf8'),
    );
    const signer = decodeProtectedHeader(jws).kid;
    return { key: `${payload.kid}\u0000${signer}`, since: Date.parse(payload.since) };
  } catch {
    return undefined;
  }
}

/**
 * The key announcements a node relays: every rotation it took up and, per revoked key and signer, the
 * revocation with the earliest start: the one in force, since a revocation only ever moves earlier. Repeated
 * revocations of one key, by its member or by whoever stole a key of it, so add nothing to the list and
 * cannot push the one that counts out of anyone's reach.
 */
export async function servedAnnouncements(db: Database): Promise<string[]> {
  const rows = await db
    .select({ jws: keyAnnouncements.jws, type: keyAnnouncements.type })
    .from(keyAnnouncements)
    .orderBy(keyAnnouncements.at, keyAnnouncements.jws);
  const earliest = new Map<string, { since: number; jws: string }>();
  for (const { jws, type } of rows) {
    const revocation = type === 'key-revocation' ? revocationOf(jws) : undefined;
    if (!revocation) continue;
    const known = earliest.get(revocation.key);
    if (!known || revocation.since < known.since)
      earliest.set(revocation.key, { since: revocation.since, jws });
  }
  const inForce = new Set([...earliest.values()].map(({ jws }) => jws));
  return rows.filter(({ jws, type }) => type === 'key-rotation' || inForce.has(jws)).map(({ jws }) => jws);
}
