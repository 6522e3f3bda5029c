/**
 * What a peer token may be used for: one operation per token, so a token captured from a feed pull cannot
 * push records or request a cosignature.
 */
export const peerOperations = [
  'feed.read',
  'inbox.push',
  'log.read',
  'checkpoint.cosign',
  'jwks.read',
] as const;

export type PeerOperation = (typeof peerOperations)[number];

/** True when `value` is one of the peerOperations. */
export function isPeerOperation(value: unknown): value is PeerOperation {
  return typeof value === 'string' && (peerOperations as readonly string[]).includes(value);
}
