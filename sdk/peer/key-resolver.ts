import type { KeyObject, webcrypto } from 'node:crypto';
import type { PinnedKeySet } from '../keys/pinned.js';

/**
 * What a peer-key lookup found: the issuer's pinned peer key for that kid, `undefined` when the issuer is a
 * member but has no peer key with that kid, or `'unknown_issuer'` when the issuer is no member at all.
 */
export type PeerKeyLookup = KeyObject | webcrypto.CryptoKey | undefined | 'unknown_issuer';

/** Finds the peer key `kid` pinned for member `iss`. Never returns a key pinned for another member. */
export type PeerKeyResolver = (iss: string, kid: string) => PeerKeyLookup | Promise<PeerKeyLookup>;

export interface PinnedPeerKeyResolverOptions {
  /** The verification time, as verifyPeerToken's `now`; default the current time. */
  now?: () => Date;
}

/**
 * A PeerKeyResolver over the federation's pinned peer-role keys: a kid pinned for another member resolves to
 * nothing, so a member cannot sign in another's name, and neither does a key revoked by the verification
 * time. Verifying at a time other than the current one, give the resolver the same `now` as verifyPeerToken.
 *
 * @example
 * const peerKeys = PinnedKeySet.fromFederation(federation, jwks.keys, 'peer');
 * const resolveIssuerKey = pinnedPeerKeyResolver(peerKeys, federation.members.map((member) => member.id));
 * const claims = await verifyPeerToken(token, { audience: 'NL', operation: 'feed.read', resolveIssuerKey });
 */
export function pinnedPeerKeyResolver(
  peerKeys: PinnedKeySet,
  members: Iterable<string>,
  options: PinnedPeerKeyResolverOptions = {},
): PeerKeyResolver {
  const known = new Set(members);
  const now = options.now ?? (() => new Date());
  return (iss, kid) => {
    if (!known.has(iss)) return 'unknown_issuer';
    const pinned = peerKeys.resolve(kid);
    if (pinned?.member !== iss) return undefined;
    // A token is signed when verified: a key revoked by then signs none (a start that does not parse counts
    // as past).
    const revoked = pinned.revokedSince !== undefined && !(Date.parse(pinned.revokedSince) > now().getTime());
    return revoked ? undefined : pinned.publicKey;
  };
}
