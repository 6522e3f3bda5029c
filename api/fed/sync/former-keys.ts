import { and, eq, inArray, isNull } from 'drizzle-orm';
import { decodeProtectedHeader } from 'jose';
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
import { MAX_ANNOUNCEMENTS } from '../member-keys.js';

/** A record refused for an unknown kid that the author delivered and, in its verified log, logged as its own. */
interface Candidate {
  at: number;
  kid: string;
  id: string;
}

function candidatesOf(
  verifications: readonly RecordVerification[],
  senderLeaves: readonly string[],
): Candidate[] {
  return verifications.flatMap((v, at) => {
    if (v.ok || v.code !== 'unknown_kid' || !v.kid || !v.id) return [];
    const leaf = decodeLeaf(senderLeaves[at] ?? '');
    return leaf?.from === 'self' && leaf.id === v.id ? [{ at, kid: v.kid, id: v.id }] : [];
  });
}

/** The published JWKs that are keys, by thumbprint. */
function jwksByKid(jwks: unknown): Map<string, PublicJwk> {
  const byKid = new Map<string, PublicJwk>();
  for (const entry of Array.isArray(jwks) ? jwks.slice(0, MAX_ANNOUNCEMENTS) : []) {
    try {
      const { kty, crv, x } = entry as PublicJwk;
      const kid = jwkThumbprint({ kty, crv, x } as PublicJwk);
      const jwk = { kty, crv, x, kid, use: 'sig', alg: 'Ed25519' } as PublicJwk;
      importPublicJwk(jwk);
      byKid.set(kid, jwk);
    } catch {}
  }
  return byKid;
}

/** The author's record keys in force here: pinned, not revoked, and not rotated away from. */
async function keysInForce(ctx: NodeContext, author: string): Promise<Map<string, PublicJwk>> {
  const pins = await ctx.db
    .select({ kid: memberKeys.kid, jwk: memberKeys.jwk })
    .from(memberKeys)
    .where(
      and(eq(memberKeys.member, author), eq(memberKeys.role, 'record'), isNull(memberKeys.revokedSince)),
    );
  const rotations = await ctx.db
    .select({ jws: keyAnnouncements.jws })
    .from(keyAnnouncements)
    .where(and(eq(keyAnnouncements.member, author), eq(keyAnnouncements.type, 'key-rotation')));
  const retired = new Set(rotations.map(({ jws }) => decodeProtectedHeader(jws).kid));
  return new Map(
    pins.flatMap((pin) => (pin.jwk && !retired.has(pin.kid) ? [[pin.kid, pin.jwk as PublicJwk]] : [])),
  );
}

/** Verifies announcements as signed by `signers` (the author's record keys), naming `named` keys of its. */
function verifierFor(author: string, signers: ReadonlyMap<string, PublicJwk>, named: ReadonlySet<string>) {
  const keys: AnnouncementKeys = {
    signer: (kid) => {
      const jwk = signers.get(kid);
      if (!jwk) return undefined;
      const publicKey = importPublicJwk(jwk);
      return { member: author, role: 'record', publicKey, revokedSince: null, retired: false };
    },
    pinOf: (kid) => (named.has(kid) || signers.has(kid) ? { member: author, role: 'record' } : undefined),
  };
  return (jws: string): Promise<KeyAnnouncement | undefined> =>
    verifyKeyAnnouncement(jws, keys).catch(() => undefined);
}

/**
 * Pins the author's former record keys that records it delivered prove, with the author's revocations of
 * them. A member that joined after the author rotated its record key pinned only the key in force, so the
 * author's earlier records came refused as `unknown_kid`, and the cursor moved past them. The author's log,
 * verified against the checkpoint this node witnessed, says it logged each as its own: the key is pinned when
 * such a record verifies with the key the author publishes under that kid, and the author's rotation away
 * from it, signed by it, leads straight to the author's key in force here. That rotation is stored with the
 * pin, so the key counts as rotated away and signs no announcement; the author's revocations of it, signed by
 * the key in force, apply in the same transaction, as at a member that was there all along. Longer chains
 * (a key two rotations back) are not followed: their records stay refused. Resolves true when it pinned.
 * Relayed records get no such look: a relay's log says only when the relay logged them.
 */
export async function pinProvenFormerKeys(
  ctx: NodeContext,
  author: string,
  baseUrl: string,
  jwsList: readonly string[],
  senderLeaves: readonly string[],
  verifications: readonly RecordVerification[],
): Promise<boolean> {
  const refused = candidatesOf(verifications, senderLeaves);
  if (refused.length === 0) return false;
  // A kid pinned already (revoked, most likely) is not a former key to find: its records are judged as pinned.
  const pinned = await ctx.db
    .select({ kid: memberKeys.kid })
    .from(memberKeys)
    .where(inArray(memberKeys.kid, [...new Set(refused.map((candidate) => candidate.kid))]));
  const held = new Set(pinned.map((pin) => pin.kid));
  const candidates = refused.filter((candidate) => !held.has(candidate.kid));
  const inForce = await keysInForce(ctx, author);
  if (candidates.length === 0 || inForce.size === 0) return false;
  const [{ keys }, { announcements = [] }] = await Promise.all([
    fetchJson<{ keys: unknown }>(`${baseUrl}/.well-known/jwks.json`),
    fetchJson<{ announcements?: string[] }>(`${baseUrl}/fed/v1/keys`),
  ]);
  if (!Array.isArray(announcements) || announcements.length > MAX_ANNOUNCEMENTS) return false;
  const published = jwksByKid(keys);
  const formerKids = new Set(
    candidates.map((candidate) => candidate.kid).filter((kid) => published.has(kid)),
  );
  const byFormer = verifierFor(
    author,
    new Map([...formerKids].map((kid) => [kid, published.get(kid) as PublicJwk])),
    formerKids,
  );
  const byInForce = verifierFor(author, inForce, formerKids);
  const rotations = new Map<string, { jws: string; at: string }>();
  const revokedSince = new Map<string, string>();
  for (const jws of announcements) {
    if (typeof jws !== 'string') continue;
    const event = (await byFormer(jws)) ?? (await byInForce(jws));
    if (event?.type === 'key-rotation' && formerKids.has(event.oldKid) && inForce.has(event.newKid)) {
      rotations.set(event.oldKid, { jws, at: event.at });
    } else if (event?.type === 'key-revocation' && formerKids.has(event.kid) && inForce.has(signerOf(jws))) {
      const earlier = revokedSince.get(event.kid);
      if (earlier === undefined || Date.parse(event.since) < Date.parse(earlier))
        revokedSince.set(event.kid, event.since);
    }
  }
  const proven = [...rotations.keys()].filter((kid) => {
    const key = PinnedKeySet.fromKeys([{ member: author, jwk: published.get(kid) }]);
    return candidates.some((candidate) => {
      if (candidate.kid !== kid) return false;
      const again = verifyRecord(jwsList[candidate.at] as string, key.resolve);
      return again.ok && again.author === author && again.id === candidate.id;
    });
  });
  if (proven.length === 0) return false;
  await ctx.db.transaction(async (tx) => {
    for (const kid of proven) {
      const rotation = rotations.get(kid) as { jws: string; at: string };
      await tx
        .insert(memberKeys)
        .values({
          kid,
          member: author,
          role: 'record',
          jwk: published.get(kid),
          revokedSince: revokedSince.get(kid) ?? null,
        })
        .onConflictDoNothing();
      // Stored, the rotation retires the key: it signs no announcement from here on.
      await tx
        .insert(keyAnnouncements)
        .values({ jws: rotation.jws, member: author, type: 'key-rotation', at: rotation.at })
        .onConflictDoNothing();
    }
  });
  ctx.logger.info({ member: author, kids: proven }, 'pinned former record keys its own log proves');
  return true;
}

function signerOf(jws: string): string {
  return decodeProtectedHeader(jws).kid as string;
}
