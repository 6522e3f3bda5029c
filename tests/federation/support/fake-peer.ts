import { createServer, type Server } from 'node:http';
import type { Tlp } from '../../../schemas/observation/tlp.js';
import type { SignedRecord } from '../../../schemas/record.js';
import { type Ed25519KeyPair, generateKeyPair, importPublicJwk, publicJwk } from '../../../sdk/keys/index.js';
import { PeerTokenError, verifyPeerToken } from '../../../sdk/peer/index.js';
import { newNonce, signRecord } from '../../../sdk/record/index.js';
import { observationBody } from './bodies.js';
import { FakeLog } from './fake-log.js';

/**
 * A member's node played by the test: it publishes its keys like a node, signs records with a record key the
 * test holds, and serves whatever JWS strings the test puts in `feed` (valid or not) as its feed, `pageSize`
 * at a time. It checks callers' peer tokens against the keys the test trusts.
 */
export class FakePeer {
  readonly recordKey: Ed25519KeyPair = generateKeyPair();
  readonly peerKey: Ed25519KeyPair = generateKeyPair();
  /** The JWS strings served, seq = index. */
  readonly feed: string[] = [];
  /** Every feed request: its cursor and the calling member, or the token error code. */
  readonly feedRequests: { after: number; caller?: string; refused?: string }[] = [];
  pageSize = 1000;
  /** Its log of `feed`, so the node can witness it and check each page's inclusion. */
  readonly log: FakeLog;
  /** Serve feed proofs whose first leaf names another record: a page the checkpoint does not vouch for. */
  misstateInclusion = false;
  /** Answer consistency-proof requests with 429, as a rate limiter in front of a node might. */
  refuseConsistency = false;
  /** Serve consistency proofs that link nothing, as a broken proxy or someone on the path might. */
  garbleConsistency = false;
  /** Answer requests for its keys with 503, as during a partial outage. */
  refuseKeys = false;
  /** Answer only requests for its key announcements (/fed/v1/keys) with 503. */
  refuseAnnouncements = false;
  /** The key announcements it serves at /fed/v1/keys, as a node relays them. */
  readonly announcements: string[] = [];
  readonly #callers = new Map<string, { member: string; key: ReturnType<typeof importPublicJwk> }>();
  #server: Server | undefined;
  #port = 0;

  constructor(readonly member: string) {
    this.log = new FakeLog(member);
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** What an operator pins for this member: its id, URL and key thumbprints. */
  get identity() {
    return {
      id: this.member,
      url: this.url,
      keys: {
        record: [this.recordKey.kid],
        log: [this.log.logKey.kid],
        witness: [],
        peer: [this.peerKey.kid],
      },
    };
  }

  /** Accept peer tokens of `member` signed with the peer key `jwk`. */
  trustCaller(member: string, jwk: { kid: string }): void {
    this.#callers.set(jwk.kid, { member, key: importPublicJwk(jwk) });
  }

  /** Signs a record as this member; pass `key` to sign with another key (a forgery). */
  sign(tlp: Tlp, summary: string, options: { author?: string; key?: Ed25519KeyPair } = {}) {
    const record = {
      ...observationBody(tlp, undefined, summary),
      type: 'observation',
      author: options.author ?? this.member,
      createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      nonce: newNonce(),
    } as SignedRecord;
    return signRecord(record, options.key ?? this.recordKey);
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      this.#answer(
        req.method ?? 'GET',
        new URL(req.url ?? '/', 'http://fake'),
        req.headers.authorization,
      ).then(
        ({ status, body }) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    this.#port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server?.closeAllConnections();
      this.#server ? this.#server.close(() => resolve()) : resolve();
    });
  }

  async #answer(method: string, url: URL, authorization: string | undefined) {
    if (method !== 'GET') return { status: 405, body: {} };
    switch (url.pathname) {
      case '/.well-known/sightline':
        return { status: 200, body: { id: this.member, keys: this.identity.keys } };
      case '/.well-known/jwks.json':
        if (this.refuseKeys) return { status: 503, body: {} };
        return {
          status: 200,
          body: {
            keys: [this.recordKey, this.peerKey, this.log.logKey].map((key) => publicJwk(key.publicKey)),
          },
        };
      case '/fed/v1/keys':
        if (this.refuseKeys || this.refuseAnnouncements) return { status: 503, body: {} };
        return { status: 200, body: { keys: [], announcements: this.announcements } };
      case '/fed/v1/log/checkpoint':
        this.log.sync(this.feed);
        return { status: 200, body: this.log.checkpoint() };
      case '/fed/v1/log/proof/consistency': {
        if (this.refuseConsistency) return { status: 429, body: { code: 'rate_limited' } };
        const [from, to] = ['from', 'to'].map((name) => Number(url.searchParams.get(name)));
        if (this.garbleConsistency) return { status: 200, body: { from, to, hashes: ['AAAA'] } };
        return {
          status: 200,
          body: { from, to, hashes: this.log.consistency(from as number, to as number) },
        };
      }
      case '/fed/v1/feed': {
        const size = url.searchParams.get('size');
        const after = Number(url.searchParams.get('after') ?? -1);
        return this.#feedPage(after, authorization, size === null ? undefined : Number(size));
      }
      default:
        return { status: 404, body: {} };
    }
  }

  async #feedPage(after: number, authorization: string | undefined, size?: number) {
    try {
      const claims = await verifyPeerToken(authorization?.replace(/^Bearer /, ''), {
        audience: this.member,
        operation: 'feed.read',
        resolveIssuerKey: (iss, kid) => {
          const caller = this.#callers.get(kid);
          return caller?.member === iss ? caller.key : undefined;
        },
      });
      this.feedRequests.push({ after, caller: claims.iss });
    } catch (error) {
      if (!(error instanceof PeerTokenError)) throw error;
      this.feedRequests.push({ after, refused: error.code });
      return { status: error.status, body: { code: error.code } };
    }
    const start = after + 1;
    const end = Math.min(start + this.pageSize, size ?? this.feed.length);
    const page = this.feed.slice(start, end).map((jws, i) => ({ seq: start + i, jws }));
    const next = page.at(-1)?.seq ?? after;
    const last = (size ?? this.feed.length) - 1;
    const body = { records: page, next, more: next < last, head: this.feed.length };
    if (size === undefined || page.length === 0) return { status: 200, body };
    const leaves = page.map(({ seq }) => this.log.leaf(seq));
    if (this.misstateInclusion) leaves[0] = this.log.leaf(page[0]?.seq === 0 ? 1 : 0);
    const proof = {
      treeSize: size,
      leaves: leaves.map((leaf) => Buffer.from(leaf, 'utf8').toString('base64')),
      hashes: this.log.batch(
        page.map((r) => r.seq),
        size,
      ),
    };
    return { status: 200, body: { ...body, proof } };
  }
}
