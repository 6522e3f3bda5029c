import { createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Ed25519KeyPair, importPrivatePem, PinnedKeySet, publicJwk } from '../../../sdk/keys/index.js';
import type { KeyRole } from '../../../sdk/keys/roles.js';
import { type RecordVerification, verifyRecord } from '../../../sdk/record/index.js';

/** A node's private key of `role`, read from `<data>/keys` (what its operator holds). */
export function nodeKeyFile(dataDir: string, role: KeyRole): Ed25519KeyPair {
  const folder = join(dataDir, 'keys');
  const files = readdirSync(folder).filter((f) => f.startsWith(`${role}-`) && f.endsWith('.pem'));
  if (files.length !== 1) throw new Error(`expected one ${role} key in ${folder}, found ${files.length}`);
  const privateKey = importPrivatePem(readFileSync(join(folder, files[0] as string), 'utf8'));
  return { kid: publicJwk(privateKey).kid, privateKey, publicKey: createPublicKey(privateKey) };
}

/** The record-signing keys a node publishes: its JWKS entries its identity document names as `record` keys. */
export async function publishedRecordKeys(node: { url: string }): Promise<unknown[]> {
  const identity = (await (await fetch(`${node.url}/.well-known/sightline`)).json()) as {
    keys: { record: string[] };
  };
  const { keys } = (await (await fetch(`${node.url}/.well-known/jwks.json`)).json()) as {
    keys: { kid: string }[];
  };
  return keys.filter((jwk) => identity.keys.record.includes(jwk.kid));
}

/** Verifies a record JWS as an auditor would: only against the record keys `author` publishes. */
export function verifyAgainstAuthor(
  jws: string,
  author: string,
  authorRecordKeys: readonly unknown[],
): RecordVerification {
  const keys = PinnedKeySet.fromKeys(authorRecordKeys.map((jwk) => ({ member: author, jwk })));
  return verifyRecord(jws, keys.resolve);
}
