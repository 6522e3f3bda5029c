import type { KeyObject } from 'node:crypto';
import { SightlineError } from '../errors.js';
import type { PublicKeyResolver, ResolvedPublicKey } from '../record/types.js';
import { importPublicJwk, jwkThumbprint } from './jwk.js';
import { earlierRevocation, type KeyRevocation } from './revocation.js';
import type { KeyRole } from './roles.js';

/** The part of a federation file that pins keys: per member, per role, the RFC 7638 thumbprints. */
export interface FederationKeyPins {
  members: ReadonlyArray<{
    id: string;
    keys: Partial<Record<KeyRole, readonly string[]>>;
    /** Record keys the member rotated away: they verify the records they signed. */
    formerKeys?: { record?: readonly string[] } | undefined;
  }>;
}

/** The kids a member pins for `role`: for records, its former keys too. */
export function pinnedKids(member: FederationKeyPins['members'][number], role: KeyRole): readonly string[] {
  const former = role === 'record' ? (member.formerKeys?.record ?? []) : [];
  return [...(member.keys[role] ?? []), ...former];
}

/**
 * Public keys pinned to members, looked up by `kid` (= thumbprint). Build one per role, so that a key
 * pinned for log checkpoints never verifies a record. A revoked key stays pinned with its `revokedSince`:
 * verifyRecord then refuses what it signed unless told a trusted time of logging before that instant.
 */
export class PinnedKeySet {
  readonly #byKid: Map<string, ResolvedPublicKey>;
  /** Thumbprints pinned in the federation file for which no JWK was supplied (they resolve to nothing). */
  readonly missing: readonly string[];

  private constructor(byKid: Map<string, ResolvedPublicKey>, missing: string[]) {
    // Frozen: a caller holding a resolved key must not be able to lift its revocation for everyone else.
    for (const entry of byKid.values()) Object.freeze(entry);
    this.#byKid = byKid;
    this.missing = missing;
  }

  /**
   * Pins each JWK to its member, revoked from `revokedSince` (RFC 3339) when given; a key listed twice keeps
   * the earlier start. Throws SightlineError `invalid_key` for a bad JWK and `key_conflict` when one key is
   * pinned to two members. `revokedSince` is trusted input: take it from a source you verified.
   *
   * @example
   * const records = PinnedKeySet.fromKeys([
   *   { member: 'DE', jwk: publicJwk(deRecordKey.publicKey) },
   *   { member: 'DE', jwk: publicJwk(deStolenKey.publicKey), revokedSince: '2026-01-01T00:00:00Z' },
   * ]);
   * verifyRecord(jws, records.resolve); // a record signed with deStolenKey: key_revoked
   */
  static fromKeys(
    keys: ReadonlyArray<{ member: string; jwk: unknown; revokedSince?: string }>,
  ): PinnedKeySet {
    const byKid = new Map<string, ResolvedPublicKey>();
    for (const { member, jwk, revokedSince } of keys) {
      const publicKey = importPublicJwk(jwk);
      pin(byKid, thumbprintOf(publicKey), { member, publicKey, revokedSince });
    }
    return new PinnedKeySet(byKid, []);
  }

  /**
   * Pins the keys a federation file lists for `role`, taking key material from `jwks`. JWKs that are not
   * pinned are ignored; pinned thumbprints without a JWK are reported in `missing` and resolve to nothing.
   * Each of `revocations` marks the pinned key it names revoked from its `since` (the earliest one for a key
   * wins); a revocation of a key not pinned here is ignored. Revocations are trusted input: pass only ones
   * you verified, e.g. by loadFederationWithAnnouncements.
   *
   * @example
   * const logKeys = PinnedKeySet.fromFederation(federation, jwks.keys, 'log');
   * const records = PinnedKeySet.fromFederation(federation, jwks.keys, 'record', [
   *   { kid: stolenKid, since: '2026-01-01T00:00:00Z' },
   * ]);
   */
  static fromFederation(
    federation: FederationKeyPins,
    jwks: readonly unknown[],
    role: KeyRole = 'record',
    revocations: readonly KeyRevocation[] = [],
  ): PinnedKeySet {
    const available = new Map<string, KeyObject>();
    for (const jwk of jwks) {
      const publicKey = importPublicJwk(jwk);
      available.set(thumbprintOf(publicKey), publicKey);
    }
    const revokedSince = new Map<string, string>();
    for (const { kid, since } of revocations) {
      revokedSince.set(kid, earlierRevocation(revokedSince.get(kid), since));
    }
    const byKid = new Map<string, ResolvedPublicKey>();
    const missing: string[] = [];
    for (const member of federation.members) {
      for (const kid of pinnedKids(member, role)) {
        const publicKey = available.get(kid);
        if (publicKey) pin(byKid, kid, { member: member.id, publicKey, revokedSince: revokedSince.get(kid) });
        else missing.push(kid);
      }
    }
    return new PinnedKeySet(byKid, missing);
  }

  /** The PublicKeyResolver to hand to verifyRecord: the key's member, material and any `revokedSince`. */
  readonly resolve: PublicKeyResolver = (kid) => this.#byKid.get(kid);

  /**
   * Every pinned kid.
   *
   * @example
   * logger.info({ kids: pinned.kids() }, 'record keys pinned');
   */
  kids(): string[] {
    return [...this.#byKid.keys()];
  }

  /**
   * The public keys pinned for one member and not revoked (current and rotated away), e.g. its log keys for
   * verifyProvenance. A revoked key is left out: whoever holds it could sign a checkpoint of a backdated log.
   *
   * @example
   * verifyProvenance(bundle, { recordKeys: federation.records.resolve, logKeys: (m) => federation.log.keysOf(m) });
   */
  keysOf(member: string): KeyObject[] {
    return [...this.#byKid.values()]
      .filter((key) => key.member === member && key.revokedSince === undefined)
      .map((key) => key.publicKey);
  }
}

function pin(byKid: Map<string, ResolvedPublicKey>, kid: string, key: ResolvedPublicKey): void {
  const existing = byKid.get(kid);
  if (existing && existing.member !== key.member) {
    throw new SightlineError(
      'key_conflict',
      `key ${kid} is pinned to both ${existing.member} and ${key.member}`,
    );
  }
  let revokedSince = existing?.revokedSince;
  if (key.revokedSince !== undefined) revokedSince = earlierRevocation(revokedSince, key.revokedSince);
  const { member, publicKey } = key;
  byKid.set(kid, revokedSince === undefined ? { member, publicKey } : { member, publicKey, revokedSince });
}

function thumbprintOf(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  return jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x });
}
