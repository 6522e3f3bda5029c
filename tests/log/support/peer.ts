import type { Database } from '../../../api/db/database.js';
import { memberKeys, members } from '../../../api/db/schema.js';
import { type Ed25519KeyPair, generateKeyPair, publicJwk } from '../../../sdk/keys/index.js';
import { type PeerOperation, signPeerToken } from '../../../sdk/peer/index.js';

/** A federation member pinned on the node under test, holding its private peer and witness keys. */
export interface PinnedPeer {
  id: string;
  peerKey: Ed25519KeyPair;
  witnessKey: Ed25519KeyPair;
  /** A fresh single-use peer token from this member to `audience` for `operation`. */
  token(operation: PeerOperation, audience?: string): Promise<string>;
}

/** Pins `id` in the node's registry with a peer key and a witness key, JWKs included. */
export async function pinPeer(db: Database, id: string, self = 'DE'): Promise<PinnedPeer> {
  const peerKey = generateKeyPair();
  const witnessKey = generateKeyPair();
  await db.insert(members).values({ id }).onConflictDoNothing();
  await db.insert(memberKeys).values([
    { kid: peerKey.kid, member: id, role: 'peer', jwk: publicJwk(peerKey.publicKey) },
    { kid: witnessKey.kid, member: id, role: 'witness', jwk: publicJwk(witnessKey.publicKey) },
  ]);
  return {
    id,
    peerKey,
    witnessKey,
    token: (operation, audience = self) => signPeerToken({ issuer: id, audience, operation, key: peerKey }),
  };
}
