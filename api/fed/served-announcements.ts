import { eq } from 'drizzle-orm';
import { decodeProtectedHeader } from 'jose';
import type { Database } from '../db/database.js';
import { keyAnnouncements, memberKeys } from '../db/schema.js';
import { unverifiedPayload } from './unverified-payload.js';

interface Stored {
  jws: string;
  type: string;
  member: string;
}

/** What a stored (so verified) announcement is about: who signed it, and for a revocation which key and when. */
function eventOf(jws: string): { signer: string; kid: string; newKid: string; since: number } | undefined {
  try {
    const signer = decodeProtectedHeader(jws).kid as string;
    const { kid, newKid, since } = unverifiedPayload(jws) ?? {};
    return { signer, kid: String(kid), newKid: String(newKid), since: Date.parse(String(since)) };
  } catch {
    return undefined;
  }
}

/**
 * The revocations to relay of one revoked key: those signed by a key in force, else all; of each signer's, the
 * earliest start (a revocation only ever moves earlier). Verifiers follow rotations from the keys they pinned
 * to the key in force (nodes and the SDK alike), and a member re-signs its revocations with each new key, so
 * a current chain costs one announcement per revoked key, not one per rotation.
 */
function revocationsToRelay(copies: readonly Stored[], retired: ReadonlySet<string>): string[] {
  const bySigner = new Map<string, { since: number; jws: string }>();
  for (const { jws } of copies) {
    const event = eventOf(jws);
    if (!event) continue;
    const known = bySigner.get(event.signer);
    if (!known || event.since < known.since) bySigner.set(event.signer, { since: event.since, jws });
  }
  const inForce = [...bySigner].filter(([signer]) => !retired.has(signer));
  return (inForce.length > 0 ? inForce : [...bySigner]).map(([, { jws }]) => jws);
}

/**
 * The key announcements a node relays, `member`'s alone when given: every distinct rotation (two from one
 * key stay visible, as peers refuse both) and the revocations that count. Repeating an event grows nothing, and
 * no one can push the announcement that counts out of anyone's reach.
 */
export async function servedAnnouncements(db: Database, member?: string): Promise<string[]> {
  const rows = await db
    .select({ jws: keyAnnouncements.jws, type: keyAnnouncements.type, member: keyAnnouncements.member })
    .from(keyAnnouncements)
    .where(member === undefined ? undefined : eq(keyAnnouncements.member, member))
    .orderBy(keyAnnouncements.at, keyAnnouncements.jws);
  const former = await db.select({ kid: memberKeys.kid }).from(memberKeys).where(eq(memberKeys.former, true));
  const rotations = new Map<string, string>();
  const revocations = new Map<string, Stored[]>();
  for (const row of rows) {
    const event = eventOf(row.jws);
    if (!event) continue;
    if (row.type === 'key-rotation') {
      const same = `${event.signer} ${event.newKid}`;
      if (!rotations.has(same)) rotations.set(same, row.jws);
    } else {
      const copies = revocations.get(event.kid);
      if (copies) copies.push(row);
      else revocations.set(event.kid, [row]);
    }
  }
  // A key a stored rotation replaced, or pinned as former, signs nothing a peer would take.
  const retired = new Set([
    ...[...rotations.values()].map((jws) => eventOf(jws)?.signer as string),
    ...former.map(({ kid }) => kid),
  ]);
  const served = new Set([
    ...rotations.values(),
    ...[...revocations.values()].flatMap((copies) => revocationsToRelay(copies, retired)),
  ]);
  return rows.filter(({ jws }) => served.has(jws)).map(({ jws }) => jws);
}
