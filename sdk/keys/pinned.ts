import type { KeyObject } from 'node:crypto';
import { SightlineError } from '../errors.js';
import type { PublicKeyResolver } from '../record/types.js';
import { importPublicJwk, jwkThumbprint } from './jwk.js';
import type { KeyRole } from './roles.js';

/** The part of a federation file that pins keys: per member, per role, the RFC 7638 thumbprints. */
export interface FederationKeyPins {
  members: ReadonlyArray<{ id: string; keys: Partial<Record<KeyRole, readonly string[]>> }>;
}

/**
 * Public keys pinned to members, looked up by `kid` (= thumbprint). Build one per role, so that a key
 * pinned for log checkpoints never verifies a record.
 */
export class PinnedKeySet {
  readonly #byKid: Map<string, { member: string; publicKey: KeyObject }>;
  /** Thumbprints pinned in the federation file for which no JWK was supplied (they resolve to nothing). */
  readonly missing: readonly string[];

  private constructor(byKid: Map<string, { member: string; publicKey: KeyObject }>, missing: string[]) {
    this.#byKid = byKid;
    this.missing = missing;
  }

  /**
   * Pins each JWK to its member. Throws SightlineError `invalid_key` for a bad JWK and `key_conflict` when one key
   * is pinned to two members.
   *
   * @example
   * const records = PinnedKeySet.fromKeys([{ member: 'DE', jwk: publicJwk(deRecordKey.publicKey) }]);
   * verifyRecord(jws, records.resolve);
   */
  static fromKeys(keys: ReadonlyArray<{ member: string; jwk: unknown }>): PinnedKeySet {
    const byKid = new Map<string, { member: string; publicKey: KeyObject }>();
    for (const { member, jwk } of keys) {
      const publicKey = importPublicJwk(jwk);
      pin(byKid, thumbprintOf(publicKey), member, publicKey);
    }
    return new PinnedKeySet(byKid, []);
  }

  /**
   * Pins the keys a federation file lists for `role`, taking key material from `jwks`. JWKs that are not
   * pinned are ignored; pinned thumbprints without a JWK are reported in `missing` and resolve to nothing.
   *
   * @example
   * const logKeys = PinnedKeySet.fromFederation(federation, jwks.keys, 'log');
   */
  static fromFederation(
    federation: FederationKeyPins,
    jwks: readonly unknown[],
    role: KeyRole = 'record',
  ): PinnedKeySet {
    const available = new Map<string, KeyObject>();
    for (const jwk of jwks) {
      const publicKey = importPublicJwk(jwk);
      available.set(thumbprintOf(publicKey), publicKey);
    }
    const byKid = new Map<string, { member: string; publicKey: KeyObject }>();
    const missing: string[] = [];
    for (const member of federation.members) {
      for (const kid of member.keys[role] ?? []) {
        const publicKey = available.get(kid);
        if (publicKey) pin(byKid, kid, member.id, publicKey);
        else missing.push(kid);
      }
    }
    return new PinnedKeySet(byKid, missing);
  }

  /** The PublicKeyResolver to hand to verifyRecord. */
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
   * The public keys pinned for one member, e.g. its log keys (current and retired) for verifyProvenance.
   *
   * @example
   * verifyProvenance(bundle, { recordKeys: federation.records.resolve, logKeys: (m) => federation.log.keysOf(m) });
   */
  keysOf(member: string): KeyObject[] {
    return [...this.#byKid.values()].filter((key) => key.member === member).map((key) => key.publicKey);
  }
}

function pin(
  byKid: Map<string, { member: string; publicKey: KeyObject }>,
  kid: string,
  member: string,
  publicKey: KeyObject,
): void {
  const existing = byKid.get(kid);
  if (existing && existing.member !== member) {
    throw new SightlineError('key_conflict', `key ${kid} is pinned to both ${existing.member} and ${member}`);
  }
  byKid.set(kid, { member, publicKey });
}

function thumbprintOf(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  return jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x });
}
