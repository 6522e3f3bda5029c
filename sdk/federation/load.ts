import { type FederationFile, federationFileSchema } from '../../schemas/api/federation.js';
import { SightlineError } from '../errors.js';
import { announcedRevocations, type KeyPin } from '../keys/announced-revocations.js';
import { importPublicJwk, jwkThumbprint } from '../keys/jwk.js';
import { PinnedKeySet, pinnedKids } from '../keys/pinned.js';
import type { KeyRevocation } from '../keys/revocation.js';
import { KEY_ROLES, type KeyRole } from '../keys/roles.js';
import { type PeerKeyResolver, pinnedPeerKeyResolver } from '../peer/key-resolver.js';

/** Key material: a JWKS, a list of JWKs, or JWKSs per member (e.g. each node's /.well-known/jwks.json). */
export type JwksInput =
  | readonly unknown[]
  | { readonly keys: readonly unknown[] }
  | Readonly<Record<string, readonly unknown[] | { readonly keys: readonly unknown[] }>>;

/** The federation's pinned keys, one set per role, so a key pinned for one role never verifies another's work. */
export interface Federation {
  members: FederationFile['members'];
  /** Record-signing keys: `verifyRecord(jws, federation.records.resolve)`. */
  records: PinnedKeySet;
  /** Log checkpoint keys. */
  log: PinnedKeySet;
  /** Witness cosigning keys. */
  witness: PinnedKeySet;
  /** Peer-token keys. */
  peer: PinnedKeySet;
  /** For verifyPeerToken: a member's token verifies only with a peer key pinned for that member. */
  peerResolver: PeerKeyResolver;
  /** Thumbprints pinned in the file for which no JWK was supplied: they verify nothing. */
  missing: Record<KeyRole, readonly string[]>;
}

/** What loadFederation takes beyond the file and the key material. */
export interface FederationOptions {
  /**
   * Keys revoked from `since` on, applied as given (trusted input: verify them first, or let
   * loadFederationWithAnnouncements verify signed announcements). A key's earliest start wins.
   */
  revocations?: readonly KeyRevocation[];
}

/**
 * Loads the pinned keys of a federation file, taking key material from JWKSs, for offline verification.
 * The file is the trust decision: a JWK counts only when its RFC 7638 thumbprint is pinned there, for the
 * member and role it is pinned for, wherever the JWK came from. A key in `options.revocations` stays pinned
 * but marked revoked, so verifyRecord refuses what it signed (`key_revoked`) unless told a trusted time of
 * logging before the revocation's start. Throws SightlineError `invalid_federation` for a file that is not a
 * valid federation file, `invalid_key` for a pinned key none of whose supplied JWKs imports, and
 * `key_conflict` for a key pinned to two members.
 *
 * @example
 * const federation = loadFederation(JSON.parse(readFileSync('federation.json', 'utf8')), {
 *   DE: await (await fetch('https://sightline.de.example/.well-known/jwks.json')).json(),
 *   FR: frJwks,
 * });
 * const result = verifyRecord(jws, federation.records.resolve);
 *
 * @example
 * // A revocation you hold from a trusted channel (signed announcements: loadFederationWithAnnouncements).
 * const federation = loadFederation(file, jwks, { revocations: [{ kid: stolenKid, since: '2026-01-01T00:00:00Z' }] });
 */
export function loadFederation(file: unknown, jwks: JwksInput, options: FederationOptions = {}): Federation {
  const { members } = parseFederationFile(file);
  const material = pinnedJwks(members, jwks);
  const sets = Object.fromEntries(
    KEY_ROLES.map((role) => [
      role,
      PinnedKeySet.fromFederation({ members }, material, role, options.revocations),
    ]),
  ) as Record<KeyRole, PinnedKeySet>;
  return {
    members,
    records: sets.record,
    log: sets.log,
    witness: sets.witness,
    peer: sets.peer,
    peerResolver: pinnedPeerKeyResolver(
      sets.peer,
      members.map((member) => member.id),
    ),
    missing: Object.fromEntries(KEY_ROLES.map((role) => [role, sets[role].missing])) as Record<
      KeyRole,
      readonly string[]
    >,
  };
}

/** A federation loaded with members' key announcements, and which of those took no effect. */
export interface FederationWithAnnouncements extends Federation {
  /**
   * Announcements that did not verify against the file's pins, or that another valid one contested. A
   * revocation signed by a key the file does not pin (say, a member's key rotated in after the file was
   * agreed) is among them: pin each member's current keys for its revocations to apply.
   */
  ignoredAnnouncements: readonly string[];
}

/**
 * Like loadFederation, with revocations taken from members' signed key announcements: the strings a node
 * serves in `GET /fed/v1/keys` as `announcements`, from any source. Each is verified against the file's pins
 * by the rules a node follows (see announcedRevocations): signed by a key pinned to that member and role,
 * neither revoked nor rotated away, and naming a key of the same member and role. Valid revocations mark
 * their key revoked from the earliest start announced; rotations pin no key (the file decides which keys
 * count) and only retire their signer. Throws as loadFederation does.
 *
 * @example
 * const served = await (await fetch('https://sightline.de.example/fed/v1/keys')).json();
 * const federation = await loadFederationWithAnnouncements(file, served.keys, served.announcements);
 * if (federation.ignoredAnnouncements.length) console.warn('some key announcements were not applied');
 * verifyRecord(jws, federation.records.resolve); // key_revoked for a record signed with a revoked key
 */
export async function loadFederationWithAnnouncements(
  file: unknown,
  jwks: JwksInput,
  announcements: readonly string[],
): Promise<FederationWithAnnouncements> {
  const { members } = parseFederationFile(file);
  const material = new Map(pinnedJwks(members, jwks).map((jwk) => [thumbprintOrUndefined(jwk), jwk]));
  const pins = new Map<string, KeyPin>();
  for (const member of members) {
    const former = new Set(member.formerKeys?.record ?? []);
    for (const role of KEY_ROLES) {
      for (const kid of pinnedKids(member, role)) {
        const jwk = material.get(kid);
        const retired = role === 'record' && former.has(kid);
        if (!pins.has(kid))
          pins.set(kid, {
            member: member.id,
            role,
            retired,
            ...(jwk ? { publicKey: importPublicJwk(jwk) } : {}),
          });
      }
    }
  }
  const { revocations, ignored } = await announcedRevocations(pins, announcements);
  return { ...loadFederation({ members }, jwks, { revocations }), ignoredAnnouncements: ignored };
}

/**
 * Validates a federation file (parsed JSON or its text). Throws SightlineError `invalid_federation` naming
 * every failing field.
 *
 * @example
 * const { members } = parseFederationFile(readFileSync('federation.json', 'utf8'));
 */
export function parseFederationFile(file: unknown): FederationFile {
  let value = file;
  if (typeof file === 'string') {
    try {
      value = JSON.parse(file);
    } catch (error) {
      throw new SightlineError(
        'invalid_federation',
        `federation file is not JSON: ${(error as Error).message}`,
      );
    }
  }
  const parsed = federationFileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`,
    );
    throw new SightlineError('invalid_federation', `federation file is not valid: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/**
 * The supplied JWKs whose thumbprint the file pins, for any member and role: one per key, the first that
 * imports. A malformed copy of a key (say with `use: "enc"`, from another member's key set or a relay) is
 * passed over when a good copy is supplied too, so it cannot make the load throw; when no copy imports, the
 * first is kept and the load throws invalid_key, as a JWK carrying a private key must.
 */
function pinnedJwks(members: FederationFile['members'], jwks: JwksInput): unknown[] {
  const pinned = new Set(members.flatMap((member) => KEY_ROLES.flatMap((role) => pinnedKids(member, role))));
  const byKid = new Map<string, unknown>();
  for (const jwk of jwkList(jwks)) {
    const kid = thumbprintOrUndefined(jwk);
    if (kid === undefined || !pinned.has(kid)) continue;
    if (!byKid.has(kid) || (!imports(byKid.get(kid)) && imports(jwk))) byKid.set(kid, jwk);
  }
  return [...byKid.values()];
}

function imports(jwk: unknown): boolean {
  try {
    importPublicJwk(jwk);
    return true;
  } catch {
    return false;
  }
}

function jwkList(jwks: JwksInput): unknown[] {
  if (Array.isArray(jwks)) return [...jwks];
  if (isJwks(jwks)) return [...jwks.keys];
  return Object.values(jwks as Record<string, unknown>).flatMap((entry) =>
    Array.isArray(entry) ? entry : isJwks(entry) ? entry.keys : [],
  );
}

function isJwks(value: unknown): value is { keys: readonly unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}

function thumbprintOrUndefined(jwk: unknown): string | undefined {
  try {
    return jwkThumbprint(jwk as { kty: string; crv: string; x: string });
  } catch {
    return undefined;
  }
}
