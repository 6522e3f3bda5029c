import { canonicalJson } from '../../../sdk/canonical.js';
import { type Ed25519KeyPair, encodeBase64, generateKeyPair } from '../../../sdk/keys/index.js';
import {
  batchInclusionPlan,
  consistencyPlan,
  ed25519NoteSigner,
  emptyRoot,
  type HashGetter,
  leafHash,
  logOrigin,
  nodeHash,
  rootPlan,
  signCheckpoint,
} from '../../../sdk/log/index.js';
import { recordId } from '../../../sdk/record/index.js';

/**
 * An in-memory RFC 6962 log of a fake peer's feed (leaf i logs feed[i]), built with the SDK's own planners:
 * signed checkpoints, consistency proofs and feed batch proofs, so a real node can witness the fake peer.
 */
export class FakeLog {
  readonly logKey: Ed25519KeyPair = generateKeyPair();
  #leaves: string[] = [];

  constructor(readonly member: string) {}

  /** Logs every feed entry not logged yet; a leaf names the id of the payload as served. */
  sync(feed: readonly string[]): void {
    for (const jws of feed.slice(this.#leaves.length)) {
      const payload = Buffer.from(jws.split('.')[1] ?? '', 'base64url');
      this.#leaves.push(
        canonicalJson({
          type: 'record',
          id: recordId(payload),
          author: this.member,
          from: 'self',
          at: '2026-01-01T00:00:00Z',
        }),
      );
    }
  }

  get size(): number {
    return this.#leaves.length;
  }

  leaf(index: number): string {
    return this.#leaves[index] as string;
  }

  checkpoint() {
    const size = this.size;
    const rootHash = size === 0 ? emptyRoot() : rootPlan(size).assemble(this.#getter());
    const origin = logOrigin(this.member);
    const note = signCheckpoint(
      { origin, size: BigInt(size), rootHash, extensions: [] },
      ed25519NoteSigner(origin, this.logKey.privateKey),
    );
    return { size, rootHash: encodeBase64(rootHash), note };
  }

  consistency(from: number, to: number): string[] {
    return consistencyPlan(from, to).assemble(this.#getter()).map(encodeBase64);
  }

  batch(indexes: readonly number[], size: number): string[] {
    return batchInclusionPlan(indexes, size).assemble(this.#getter()).map(encodeBase64);
  }

  #getter(): HashGetter {
    const hash = (level: number, index: bigint): Uint8Array => {
      if (level === 0) return leafHash(Buffer.from(this.#leaves[Number(index)] as string, 'utf8'));
      return nodeHash(hash(level - 1, index * 2n), hash(level - 1, index * 2n + 1n));
    };
    return hash;
  }
}
