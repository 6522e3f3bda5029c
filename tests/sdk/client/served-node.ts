import { fillPinnedKeys } from '../../../api/fed/member-keys.js';
import { type Ed25519KeyPair, publicJwk } from '../../../sdk/keys/index.js';
import { listeningTestNode } from '../../federation/support/in-process-node.js';
import type { TestNode } from '../../support/node.js';

export interface ServedNode {
  node: TestNode;
  baseUrl: string;
  close(): Promise<void>;
}

/** An in-process node on its own database, listening on an ephemeral local port. */
export async function serveTestNode(member = 'DE'): Promise<ServedNode> {
  const { node, url, close } = await listeningTestNode(member);
  return { node, baseUrl: url, close };
}

/**
 * Pins a member the way an operator does (POST /v1/peers with the key thumbprints) and hands the node the
 * public keys, as a peer's JWKS would.
 */
export async function pinMember(
  node: TestNode,
  member: string,
  keys: { peer?: Ed25519KeyPair; record?: Ed25519KeyPair },
): Promise<void> {
  const pins = { peer: keys.peer ? [keys.peer.kid] : [], record: keys.record ? [keys.record.kid] : [] };
  const response = await node.request('/v1/peers', { role: 'admin', json: { id: member, keys: pins } });
  if (response.status !== 201)
    throw new Error(`pinning ${member}: ${response.status} ${await response.text()}`);
  const jwks = [keys.peer, keys.record].flatMap((pair) => (pair ? [publicJwk(pair.publicKey)] : []));
  await fillPinnedKeys(node.ctx, jwks);
}
