import { createHash } from 'node:crypto';
import { PinnedKeySet, type PublicJwk, publicJwk } from '../../../sdk/keys/index.js';

/** A public record key pinned to the member it belongs to; plain data, so it crosses to workers by structured clone. */
export interface PinnedRecordKey {
  member: string;
  jwk: PublicJwk;
  /** Set when the key is revoked: workers then refuse what it signed (`key_revoked`), as verifyRecord does. */
  revokedSince?: string;
}

const CACHED_KEY_SETS = 8;

/**
 * The keys of a PinnedKeySet as plain data for VerifyPool.verify: each pinned key with its member, public
 * JWK and any `revokedSince`, sorted by kid so that the same keys always give the same fingerprint.
 *
 * @example
 * const keySet = await pinnedKeys(db, self, { role: 'record' });
 * const results = await pool.verify(jwsList, pinnedRecordKeys(keySet));
 */
export function pinnedRecordKeys(keySet: PinnedKeySet): PinnedRecordKey[] {
  return keySet
    .kids()
    .sort()
    .flatMap((kid) => {
      const pinned = keySet.resolve(kid);
      if (!pinned) return [];
      const { member, publicKey, revokedSince } = pinned;
      const key = { member, jwk: publicJwk(publicKey) };
      return [revokedSince === undefined ? key : { ...key, revokedSince }];
    });
}

/**
 * SHA-256 over every member of every entry, in order: two lists with the same fingerprint build the same key set
 * (a list that differs only in JWK member order gets a new fingerprint, which merely costs a rebuild). A key's
 * `revokedSince` is part of it: a cached set without the revocation must never stand in for one with it.
 *
 * @example
 * const keySet = keySets.get(keyListFingerprint(keys), keys);
 */
export function keyListFingerprint(keys: readonly PinnedRecordKey[]): string {
  return createHash('sha256')
    .update(JSON.stringify(keys.map(({ member, jwk, revokedSince }) => [member, jwk, revokedSince ?? null])))
    .digest('base64url');
}

/** The last few key sets built, by fingerprint, so repeated batches with the same keys do not re-import them. */
export class KeySetCache {
  readonly #byFingerprint = new Map<string, PinnedKeySet>();

  /** Throws SightlineError `invalid_key` / `key_conflict` as PinnedKeySet.fromKeys does. */
  get(fingerprint: string, keys: readonly PinnedRecordKey[]): PinnedKeySet {
    let keySet = this.#byFingerprint.get(fingerprint);
    if (keySet) {
      this.#byFingerprint.delete(fingerprint); // re-insert: Map order is the recency order
    } else {
      keySet = PinnedKeySet.fromKeys(keys);
      if (this.#byFingerprint.size >= CACHED_KEY_SETS) {
        const oldest = this.#byFingerprint.keys().next().value as string;
        this.#byFingerprint.delete(oldest);
      }
    }
    this.#byFingerprint.set(fingerprint, keySet);
    return keySet;
  }
}
