import { createHmac, type KeyObject, randomBytes, sign } from 'node:crypto';
import { generateKeyPair, PinnedKeySet, publicJwk } from '../../../sdk/keys/index.js';
import {
  PeerTokenError,
  pinnedPeerKeyResolver,
  type VerifyPeerTokenOptions,
} from '../../../sdk/peer/index.js';

export const NOW = new Date('2026-11-28T12:00:00Z');
export const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

/** Three members with real Ed25519 peer keys, pinned the way a node pins them. */
export const keys = { DE: generateKeyPair(), FR: generateKeyPair(), NL: generateKeyPair() };
const peerKeys = PinnedKeySet.fromKeys(
  Object.entries(keys).map(([member, pair]) => ({ member, jwk: publicJwk(pair.publicKey) })),
);
export const resolveIssuerKey = pinnedPeerKeyResolver(peerKeys, Object.keys(keys));

/** Verification options for a feed pull at NL's node. */
export const atNl: VerifyPeerTokenOptions = {
  audience: 'NL',
  operation: 'feed.read',
  resolveIssuerKey,
  now: NOW,
};

/** Claims of a valid DE -> NL feed.read token issued at NOW. */
export function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: 'DE',
    aud: 'NL',
    iat: NOW_SECONDS,
    exp: NOW_SECONDS + 60,
    jti: randomBytes(16).toString('base64url'),
    op: 'feed.read',
    ...overrides,
  };
}

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS over any header and claims, signed with raw node:crypto Ed25519 (not our signer). */
export function craft(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  privateKey: KeyObject = keys.DE.privateKey,
): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
}

/** The header our signer writes for DE's peer key. */
export function header(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { alg: 'Ed25519', kid: keys.DE.kid, typ: 'sightline-peer+jwt', ...overrides };
}

/** An HS256 token whose secret is the verifier's public key bytes (the classic alg-confusion attack). */
export function hs256WithPublicKey(payload: Record<string, unknown>, publicKey: KeyObject): string {
  const input = `${b64url({ alg: 'HS256', kid: keys.DE.kid, typ: 'sightline-peer+jwt' })}.${b64url(payload)}`;
  const secret = publicKey.export({ format: 'der', type: 'spki' });
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** The PeerTokenError a promise rejects with (fails the test if it resolves or throws something else). */
export async function refusal(promise: Promise<unknown>): Promise<PeerTokenError> {
  const outcome = await promise.then(
    () => new Error('token was accepted'),
    (error: unknown) => error,
  );
  if (outcome instanceof PeerTokenError) return outcome;
  throw outcome;
}
