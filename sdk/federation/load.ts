import { type FederationFile, federationFileSchema } from '../../schemas/api/federation.js';
import { SightlineError } from '../errors.js';
import { jwkThumbprint } from '../keys/jwk.js';
import { PinnedKeySet } from '../keys/pinned.js';
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

/**
 * Loads the pinned keys of a federation file, taking key material from JWKSs, for offline verification.
 * The file is the trust decision: a JWK counts only when its RFC 7638 thumbprint is pinned there, for the
 * member and role it is pinned for, wherever the JWK came from. Throws SightlineError
 * `invalid_federation` for a file that is not a valid federation file, `invalid_key` for a pinned key whose
 * JWK is malformed, and `key_conflict` for a key pinned to two members.
 *
 * @example
 * const federation = loadFederation(JSON.parse(readFileSync('federation.json', 'utf8')), {
 *   DE: await (await fetch('https://sightline.de.example/.well-known/jwks.json')).json(),
 *   FR: frJwks,
 * });
 * const result = verifyRecord(jws, federation.records.resolve);
 */
export function loadFederation(file: unknown, jwks: JwksInput): Federation {
  const { members } = parseFederationFile(file);
  const pinned = new Set(members.flatMap((member) => KEY_ROLES.flatMap((role) => member.keys[role])));
  const material = jwkList(jwks).filter((jwk) => pinned.has(thumbprintOrUndefined(jwk) ?? ''));
  const sets = Object.fromEntries(
    KEY_ROLES.map((role) => [role, PinnedKeySet.fromFederation({ members }, material, role)]),
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
