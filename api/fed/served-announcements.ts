import { eq } from 'drizzle-orm';
import { decodeProtectedHeader } from 'jose';
import type { Database, Tx } from '../db/database.js';
import { keyAnnouncements, memberKeys } from '../db/schema.js';
import { unverifiedPayload } from './unverified-payload.js';

/** What a stored (so verified) announcement is about: who signed it, and for a revocation which key and when. */
interface StoredEvent {
  jws: string;
  signer: string;
  kid: string;
  newKid: string;
  since: number;
}

function eventOf(jws: string): StoredEvent | undefined {
  try {
    const signer = decodeProtectedHeader(jws).kid as string;
    const { kid, newKid, since } = unverifiedPayload(jws) ?? {};
    return { jws, signer, kid: String(kid), newKid: String(newKid), since: Date.parse(String(since)) };
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
function revocationsToRelay(copies: readonly StoredEvent[], retired: ReadonlySet<string>): string[] {
  const bySigner = new Map<string, StoredEvent>();
  for (const copy of copies) {
    const known = bySigner.get(copy.signer);
    if (!known || copy.since < known.since) bySigner.set(copy.signer, copy);
  }
  const inForce = [...bySigner].filter(([signer]) => !retired.has(signer));
  return (inForce.length > 0 ? inForce : [...bySigner]).map(([, copy]) => copy.jws);
}

/**
 * The key announcements a node relays, `member`'s alone when given: every distinct rotation (two from one
 * key stay visible, as peers refuse both) and the revocations that count. Repeating an event grows nothing, and
 * no one can push the announcement that counts out of anyone's reach.
 */
export async function servedAnnouncements(db: Tx | Database, member?: string): Promise<string[]> {
  const rows = await db
    .select({ jws: keyAnnouncements.jws, type: keyAnnouncements.type })
    .from(keyAnnouncements)
    .where(member === undefined ? undefined : eq(keyAnnouncements.member, member))
    .orderBy(keyAnnouncements.at, keyAnnouncements.jws);
  const former = await db.select({ kid: memberKeys.kid }).from(memberKeys).where(eq(memberKeys.former, true));
  const rotations = new Map<string, StoredEvent>();
  const revocations = new Map<string, StoredEvent[]>();
  for (const row of rows) {
    const event = eventOf(row.jws);
    if (!event) continue;
    if (row.type === 'key-rotation') {
      const same = `${event.signer} ${event.newKid}`;
      if (!rotations.has(same)) rotations.set(same, event);
    } else {
      const copies = revocations.get(event.kid);
      if (copies) copies.push(event);
      else revocations.set(event.kid, [event]);
    }
  }
  // A key a stored rotation replaced, or pinned as former, signs nothing a peer would take.
  const retired = new Set([
    ...[...rotations.values()].map(({ signer }) => signer),
    ...former.map(({ kid }) => kid),
  ]);
  const served = new Set([
    ...[...rotations.values()].map(({ jws }) => jws),
    ...[...revocations.values()].flatMap((copies) => revocationsToRelay(copies, retired)),
  ]);
  return rows.filter(({ jws }) => served.has(jws)).map(({ jws }) => jws);
}
