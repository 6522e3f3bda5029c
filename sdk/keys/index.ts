export { type AnnouncedRevocations, announcedRevocations, type KeyPin } from './announced-revocations.js';
export {
  type AnnouncementKeys,
  type AnnouncementSigner,
  KEY_ANNOUNCEMENT_TYP,
  type KeyAnnouncement,
  keyAnnouncementSchema,
  MAX_ANNOUNCEMENT_LENGTH,
  signKeyAnnouncement,
  signKeyRotation,
  verifyKeyAnnouncement,
} from './announcement.js';
export { decodeBase64, decodeBase64Url, encodeBase64, encodeBase64Url } from './base64.js';
export {
  ed25519PublicKey,
  ed25519PublicKeyFromRaw,
  exportPrivatePkcs8Pem,
  importPrivatePem,
  isEd25519,
  rawEd25519PublicKey,
} from './ed25519.js';
export { type Ed25519KeyPair, generateKeyPair } from './generate.js';
export { ED25519_JWS_ALGS, importPublicJwk, jwkThumbprint, type PublicJwk, publicJwk } from './jwk.js';
export { type FederationKeyPins, PinnedKeySet } from './pinned.js';
export { KEY_POSSESSION_TYP, type KeyPossession, signKeyPossession } from './possession.js';
export type { KeyRevocation } from './revocation.js';
export { KEY_ROLES, type KeyRole } from './roles.js';
