export {
  type DeliveryQuestion,
  type DeliveryRefusal,
  deliveryReason,
  mayDeliver,
  sharingRefusal,
} from './distribution.js';
export {
  type PeerKeyLookup,
  type PeerKeyResolver,
  type PinnedPeerKeyResolverOptions,
  pinnedPeerKeyResolver,
} from './key-resolver.js';
export { isPeerOperation, type PeerOperation, peerOperations } from './operations.js';
export { type SignPeerTokenInput, signPeerToken } from './token.js';
export { PeerTokenError, type PeerTokenErrorCode } from './token-error.js';
export { MAX_PEER_TOKEN_LIFETIME_SECONDS, PEER_TOKEN_TYP } from './token-format.js';
export { type PeerTokenClaims, type VerifyPeerTokenOptions, verifyPeerToken } from './verify-token.js';
