import { and, eq, inArray } from 'drizzle-orm';
import {
  type AnnouncementKeys,
  importPublicJwk,
  jwkThumbprint,
  type KeyAnnouncement,
  PinnedKeySet,
  type PublicJwk,
  verifyKeyAnnouncement,
} from '../../../sdk/keys/index.js';
import { type RecordVerification, verifyRecord } from '../../../sdk/record/index.js';
import type { NodeContext } from '../../context.js';
import { keyAnnouncements, memberKeys } from '../../db/schema.js';
import { decodeLeaf } from '../../log/leaf.js';
import { fetchJson } from '../fetch-json.js';

type Rotation = Extract<KeyAnnouncement, { type: 'key-rotation' }>;

/** A record the author delivered and says, in its own verified log, it logged as its own. */
interface Candidate {
  at: number;
  kid: string;
  id: string;
  loggedAt: number;
}

function candidatesOf(
  verifications: readonly RecordVerification[],
  senderLeaves: readonly string[],
): Candidate[] {
  return verifications.flatMap((v, at) => {
    if (v.ok || v.code !== 'unknown_kid' || !v.kid || !v.id) return [];
    const leaf = decodeLeaf(senderLeaves[at] ?? '');
    if (leaf?.from !== 'self' || leaf.id !== v.id || typeof leaf.at !== 'string') return [];
    const loggedAt = Date.parse(leaf.at);
    return Number.isNaN(loggedAt) ? [] : [{ at, kid: v.kid, id: v.id, loggedAt }];
  });
}

/** The published JWK whose thumbprint is `kid`, if it is a key at all. */
function jwkOf(jwks: readonly unknown[], kid: string): PublicJwk | undefined {
  for (const entry of jwks) {
    try {
      const { kty, crv, x } = entry as PublicJwk;
      const jwk = { kty, crv, x } as PublicJwk;
      if (jwkThumbprint(jwk) !== kid) continue;
      importPublicJwk(jwk);
      return { ...jwk, kid, use: 'sig', alg: 'Ed25519' } as PublicJwk;
    } catch {}
  }
  return undefined;
}

/**
 * The author's rotation away from `kid` to a record key of its this node trusts, signed by `kid` itself,
 * among its announcements. A rotation to any other key proves nothing: whoever stole `kid` can sign one.
 */
async function rotationAwayFrom(
  announcements: readonly string[],
  member: string,
  kid: string,
  jwk: PublicJwk,
  trusted: ReadonlySet<string>,
): Promise<{ jws: string; event: Rotation } | undefined> {
  const signer = { member, role: 'record' as const, publicKey: importPublicJwk(jwk), revokedSince: null };
  const keys: AnnouncementKeys = {
    signer: (signedBy) => (signedBy === kid ? { ...signer, retired: false } : undefined),
    pinOf: (pinned) => (pinned === kid ? { member, role: 'record' } : undefined),
  };
  for (const jws of announcements) {
    const event = await verifyKeyAnnouncement(jws, keys).catch(() => undefined);
    if (event?.type === 'key-rotation' && event.oldKid === kid && trusted.has(event.newKid))
      return { jws, event };
  }
  return undefined;
}

/**
 * Pins the author's former record keys that records it delivered prove. A member that joined after the
 * author rotated its record key pinned only the current one, so the author's earlier records come refused as
 * `unknown_kid`. The author's own log, verified against the checkpoint this node witnessed, says it logged
 * each as its own, and when: a key is pinned when such a record, logged before the author's rotation away
 * from the key (signed by that key, among the author's announcements, to a record key of the author's this
 * node trusts), verifies with the key the author publishes under that kid. The key is pinned already retired by that rotation, so it signs no announcement,
 * and the author's revocations are then taken up as at a member that was there all along. Resolves true when
 * it pinned a key. Relayed records get no such look: a relay's log says only when the relay logged them.
 */
/** The former key `kid` when a record of the author's proves it (see pinProvenFormerKeys). */
async function provenKey(
  author: string,
  kid: string,
  jwks: unknown,
  announcements: readonly string[],
  trusted: ReadonlySet<string>,
  candidates: readonly Candidate[],
  jwsList: readonly string[],
): Promise<{ jwk: PublicJwk; rotation: string; at: string } | undefined> {
  const jwk = jwkOf(Array.isArray(jwks) ? jwks : [], kid);
  const rotation = jwk && (await rotationAwayFrom(announcements, author, kid, jwk, trusted));
  if (!jwk || !rotation) return undefined;
  const keys = PinnedKeySet.fromKeys([{ member: author, jwk }]);
  // The rotation's `at` is in whole seconds: the key was in force until some moment of that second.
  const retiredBy = Date.parse(rotation.event.at) + 1000;
  const provenBy = candidates.some((candidate) => {
    if (candidate.kid !== kid || !(candidate.loggedAt < retiredBy)) return false;
    const again = verifyRecord(jwsList[candidate.at] as string, keys.resolve);
    return again.ok && again.author === author && again.id === candidate.id;
  });
  return provenBy ? { jwk, rotation: rotation.jws, at: rotation.event.at } : undefined;
}

export async function pinProvenFormerKeys(
  ctx: NodeContext,
  author: string,
  baseUrl: string,
  jwsList: readonly string[],
  senderLeaves: readonly string[],
  verifications: readonly RecordVerification[],
): Promise<boolean> {
  const unpinned = candidatesOf(verifications, senderLeaves);
  if (unpinned.length === 0) return false;
  // A kid pinned already (revoked, most likely) is not a former key to find: its records are judged as pinned.
  const pinned = await ctx.db
    .select({ kid: memberKeys.kid })
    .from(memberKeys)
    .where(inArray(memberKeys.kid, [...new Set(unpinned.map((candidate) => candidate.kid))]));
  const held = new Set(pinned.map((pin) => pin.kid));
  const candidates = unpinned.filter((candidate) => !held.has(candidate.kid));
  if (candidates.length === 0) return false;
  const ownPins = await ctx.db
    .select({ kid: memberKeys.kid })
    .from(memberKeys)
    .where(and(eq(memberKeys.member, author), eq(memberKeys.role, 'record')));
  const trusted = new Set(ownPins.map((pin) => pin.kid));
  const [{ keys: jwks }, { announcements = [] }] = await Promise.all([
    fetchJson<{ keys: unknown[] }>(`${baseUrl}/.well-known/jwks.json`),
    fetchJson<{ announcements?: string[] }>(`${baseUrl}/fed/v1/keys`),
  ]);
  const proven = new Map<string, { jwk: PublicJwk; rotation: string; at: string }>();
  const kids = [...new Set(candidates.map((candidate) => candidate.kid))];
  // A key proven makes a rotation into it count: over a chain (K0 -> K1 -> current) K1 comes first.
  for (let progress = true; progress; ) {
    progress = false;
    for (const kid of kids.filter((unproven) => !proven.has(unproven))) {
      const found = await provenKey(author, kid, jwks, announcements, trusted, candidates, jwsList);
      if (!found) continue;
      proven.set(kid, found);
      trusted.add(kid);
      progress = true;
    }
  }
  if (proven.size === 0) return false;
  ctx.logger.info(
    { member: author, kids: [...proven.keys()] },
    'pinned former record keys its own log proves',
  );
  await ctx.db.transaction(async (tx) => {
    for (const [kid, { jwk, rotation, at }] of proven) {
      await tx.insert(memberKeys).values({ kid, member: author, role: 'record', jwk }).onConflictDoNothing();
      // Stored, the rotation retires the key: it signs no announcement from here on.
      await tx
        .insert(keyAnnouncements)
        .values({ jws: rotation, member: author, type: 'key-rotation', at })
        .onConflictDoNothing();
    }
  });
  return true;
}
