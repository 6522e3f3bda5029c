import { and, eq, inArray, isNull } from 'drizzle-orm';
import { importPublicJwk, jwkThumbprint } from '../../sdk/keys/index.js';
import type { NodeContext } from '../context.js';
import { keyAnnouncements, memberKeys } from '../db/schema.js';
import { withinCap } from './announcement-cap.js';
import { fetchJson } from './fetch-json.js';
import { applyKeyAnnouncements } from './key-announcements.js';

interface JwkLike {
  kty: string;
  crv: string;
  x: string;
}

/**
 * Stores the JWKs among `jwks` whose thumbprint is pinned and still lacks key material. The pin is the
 * trust decision; the source of the bytes is not, so any peer may supply them.
 */
export async function fillPinnedKeys(ctx: NodeContext, jwks: readonly unknown[]): Promise<number> {
  const byKid = new Map<string, unknown>();
  for (const jwk of jwks) {
    try {
      const { kty, crv, x } = jwk as JwkLike;
      // Stored, a JWK that is no key (say x of 3 bytes) would make every key set of its role throw.
      importPublicJwk({ kty, crv, x });
      const kid = jwkThumbprint({ kty, crv, x });
      byKid.set(kid, { kty, crv, x, kid, use: 'sig', alg: 'Ed25519' });
    } catch {}
  }
  if (byKid.size === 0) return 0;
  const missing = await ctx.db
    .select({ kid: memberKeys.kid, member: memberKeys.member })
    .from(memberKeys)
    .where(and(inArray(memberKeys.kid, [...byKid.keys()]), isNull(memberKeys.jwk)));
  for (const { kid } of missing) {
    await ctx.db
      .update(memberKeys)
      .set({ jwk: byKid.get(kid) })
      .where(eq(memberKeys.kid, kid));
  }
  if (missing.length > 0)
    await applyKeptAnnouncements(
      ctx,
      missing.map(({ member }) => member),
    );
  return missing.length;
}

/**
 * Announcements the node kept about members whose keys just got material apply to them again: a member
 * removed and pinned afresh keeps the revocations it announced before, which are taken up once only.
 */
async function applyKeptAnnouncements(ctx: NodeContext, members: readonly string[]): Promise<void> {
  const kept = await ctx.db
    .select({ jws: keyAnnouncements.jws })
    .from(keyAnnouncements)
    .where(inArray(keyAnnouncements.member, [...new Set(members)]));
  if (kept.length > 0)
    await applyKeyAnnouncements(
      ctx,
      kept.map(({ jws }) => jws),
      { again: true },
    );
}

/** A relay's keys and key announcements: up to the cap for every member, about 1.3 KB each. */
const RELAYED_KEYS_MAX_BYTES = 16 * 1024 * 1024;

/** Fetches a node's published keys (its own JWKS and the member keys it relays) and fills our pins from them. */
export async function refreshKeysFrom(ctx: NodeContext, baseUrl: string): Promise<number> {
  return (await refreshFrom(ctx, baseUrl)).changed;
}

/**
 * refreshKeysFrom, also telling whether the node answered at all: for records it is delivering now, an
 * unreachable node must not look like one that has no such key.
 */
export async function refreshFrom(
  ctx: NodeContext,
  baseUrl: string,
): Promise<{ changed: number; reached: boolean; announcementsRead: boolean; overCap: string[] }> {
  const [own, relayed] = await Promise.allSettled([
    fetchJson<{ keys: unknown[] }>(`${baseUrl}/.well-known/jwks.json`),
    fetchJson<{ keys: unknown[]; announcements?: string[] }>(`${baseUrl}/fed/v1/keys`, {
      maxBytes: RELAYED_KEYS_MAX_BYTES,
    }),
  ]);
  const jwks = [
    ...(own.status === 'fulfilled' ? own.value.keys : []),
    ...(relayed.status === 'fulfilled' ? relayed.value.keys : []),
  ];
  const filled = await fillPinnedKeys(ctx, jwks);
  const served =
    relayed.status === 'fulfilled' && Array.isArray(relayed.value.announcements)
      ? relayed.value.announcements.filter((a) => typeof a === 'string')
      : [];
  const { kept, overCap } = withinCap(served);
  if (overCap.length > 0)
    ctx.logger.warn({ members: overCap }, 'too many key announcements to take up; their records are refused');
  const changed = filled + (await applyKeyAnnouncements(ctx, kept));
  return {
    changed,
    reached: own.status === 'fulfilled' || relayed.status === 'fulfilled',
    announcementsRead: relayed.status === 'fulfilled',
    overCap,
  };
}

/**
 * Refreshes our pins from the node at `baseUrl` (refreshKeysFrom); true when that pinned new key material or
 * took up an announcement. Never throws: an unreachable node just leaves the pins as they were. The FindKeys
 * of records that node delivered.
 */
export async function refreshedKeysFrom(ctx: NodeContext, baseUrl: string): Promise<boolean> {
  return (await refreshKeysFrom(ctx, baseUrl).catch(() => 0)) > 0;
}
