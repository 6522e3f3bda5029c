import type { Tlp } from '../../../schemas/observation/tlp.js';
import type { SignedRecord } from '../../../schemas/record.js';
import { createPeerClient } from '../../../sdk/client/peer-client.js';
import type { Ed25519KeyPair } from '../../../sdk/keys/index.js';
import { newNonce, signRecord } from '../../../sdk/record/index.js';
import { observationBody } from './bodies.js';

export interface BulkLoadOptions {
  /** The node that takes the records, and its member id. */
  target: { url: string; member: string };
  /** The author: member id and record key (e.g. read from its data folder). */
  author: { member: string; recordKey: Ed25519KeyPair };
  /** A member pinned at the target whose peer key signs the inbox tokens. */
  sender: { member: string; peerKey: Ed25519KeyPair };
  count: number;
  tlp?: Extract<Tlp, 'TLP:CLEAR' | 'TLP:GREEN'>;
}

/**
 * Signs `count` records in the author's name and delivers them through the target's inbox in batches: far
 * faster than one API call per record, and still the node's one ingest path. Returns each record with the
 * target's sequence number for it.
 */
export async function bulkLoad(
  options: BulkLoadOptions,
): Promise<{ id: string; jws: string; seq: number }[]> {
  const { target, author, sender, count, tlp = 'TLP:GREEN' } = options;
  const createdAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signed = Array.from({ length: count }, (_, i) =>
    signRecord(
      {
        ...observationBody(tlp, undefined, `bulk ${i}`),
        type: 'observation',
        author: author.member,
        createdAt,
        nonce: newNonce(),
      } as SignedRecord,
      author.recordKey,
    ),
  );
  const client = createPeerClient({
    baseUrl: target.url,
    issuer: sender.member,
    audience: target.member,
    key: sender.peerKey,
  });
  const loaded: { id: string; jws: string; seq: number }[] = [];
  for (let i = 0; i < signed.length; i += 200) {
    const batch = signed.slice(i, i + 200);
    const outcomes = await client.push(batch.map((s) => s.jws));
    outcomes.forEach((outcome, j) => {
      if (outcome.status !== 'accepted')
        throw new Error(`bulk record not accepted: ${JSON.stringify(outcome)}`);
      loaded.push({ id: outcome.id, jws: batch[j]?.jws as string, seq: outcome.seq });
    });
  }
  return loaded;
}
