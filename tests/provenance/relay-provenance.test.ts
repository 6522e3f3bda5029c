import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullPeer } from '../../api/fed/sync/pull-peer.js';
import { seedBodies } from '../../api/node/seed.js';
import type { ProvenanceBundle } from '../../schemas/api/provenance.js';
import { importPublicJwk, PinnedKeySet, type PublicJwk } from '../../sdk/keys/index.js';
import { verifyForkEvidence, verifyProvenance } from '../../sdk/log/index.js';
import {
  type ListeningNode,
  listeningChain,
  type NodeIdentity,
} from '../federation/support/in-process-node.js';

let a: ListeningNode;
let b: ListeningNode;
let c: ListeningNode;
const identities = new Map<string, { identity: NodeIdentity; jwks: PublicJwk[] }>();

beforeAll(async () => {
  // Chain A - B - C: C does not peer with A, but pins A's keys as an author.
  const chain = await listeningChain();
  [a, b, c] = chain.nodes;
  for (const n of chain.nodes) {
    const { keys } = (await (await fetch(`${n.url}/.well-known/jwks.json`)).json()) as { keys: PublicJwk[] };
    identities.set(n.member, { identity: chain.identities.get(n.member) as NodeIdentity, jwks: keys });
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([a, b, c].map((n) => n?.close()));
});

/** What an auditor holds: the three members' pinned keys, exchanged out of band. Nothing else. */
function auditorTrust() {
  const all = [...identities.values()];
  const byRole = (role: keyof NodeIdentity['keys']) =>
    all.flatMap(({ identity, jwks }) =>
      jwks.filter((k) => identity.keys[role].includes(k.kid)).map((jwk) => ({ member: identity.id, jwk })),
    );
  const records = PinnedKeySet.fromKeys(byRole('record'));
  const logKeys = byRole('log');
  const witnesses = byRole('witness').map(({ member, jwk }) => ({ member, publicKey: importPublicJwk(jwk) }));
  return {
    recordKeys: records.resolve,
    logKeys: (member: string) =>
      logKeys.filter((k) => k.member === member).map((k) => importPublicJwk(k.jwk)),
    witnesses,
  };
}

describe('provenance of a relayed record', () => {
  let id: string;

  it('a GREEN record authored at A reaches C through B and verifies offline from C’s bundle', async () => {
    // Three records, so that every tree has inner nodes and proofs are not empty.
    const ids: string[] = [];
    for (const body of seedBodies().slice(0, 3)) {
      const created = await a.node.request('/v1/observations', { json: { ...body, tlp: 'TLP:GREEN' } });
      expect(created.status).toBe(201);
      ids.push(((await created.json()) as { id: string }).id);
    }
    id = ids[0] as string;

    await pullPeer(b.node.ctx, 'DE');
    await pullPeer(c.node.ctx, 'FR');
    // A second pass: witnesses cosign the checkpoints that now cover the record.
    await pullPeer(b.node.ctx, 'DE');
    await pullPeer(c.node.ctx, 'FR');

    // FR's proof for the record was verified and kept when JP pulled it: the bundle needs FR no more.
    const { sql } = await import('drizzle-orm');
    const frUrl = b.url;
    await c.node.ctx.db.execute(sql`update members set url = 'http://127.0.0.1:9' where id = 'FR'`);
    const res = await c.node.request(`/v1/observations/${id}/provenance`, { role: 'reader' });
    await c.node.ctx.db.execute(sql`update members set url = ${frUrl} where id = 'FR'`);
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as ProvenanceBundle;
    expect(bundle.hop.from).toBe('FR');
    expect(bundle.upstream?.member).toBe('FR');
    expect(bundle.notes).toEqual([]);

    const verdict = verifyProvenance(bundle, auditorTrust());
    expect(verdict.steps.filter((s) => !s.ok)).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.steps.map((s) => s.step)).toEqual(
      expect.arrayContaining(['author signature', 'JP log: inclusion', 'FR log: inclusion']),
    );
  });

  it('fails when any part of the bundle is altered', async () => {
    const res = await c.node.request(`/v1/observations/${id}/provenance`, { role: 'reader' });
    const bundle = (await res.json()) as ProvenanceBundle & {
      upstream: NonNullable<ProvenanceBundle['upstream']>;
    };
    const trust = auditorTrust();
    const flipAt = (s: string, at: number) =>
      `${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;
    const flip = (s: string) => flipAt(s, 5);
    const altered = [
      // One signature character flipped: appending `AAA` changed nothing when the signature ended so.
      {
        ...bundle,
        record: { ...bundle.record, jws: flipAt(bundle.record.jws, bundle.record.jws.length - 5) },
      },
      { ...bundle, log: { ...bundle.log, leaf: flip(bundle.log.leaf) } },
      { ...bundle, log: { ...bundle.log, hashes: bundle.log.hashes.map(flip) } },
      { ...bundle, upstream: { ...bundle.upstream, hashes: bundle.upstream.hashes.map(flip) } },
      { ...bundle, log: { ...bundle.log, leafIndex: bundle.log.leafIndex + 1 } },
      { ...bundle, log: { ...bundle.log, checkpoint: bundle.log.checkpoint.replace(/\n\d+\n/, '\n999\n') } },
      {
        ...bundle,
        upstream: { ...bundle.upstream, hashes: [...bundle.upstream.hashes, bundle.log.hashes[0] ?? 'AAAA'] },
      },
      { ...bundle, upstream: undefined },
    ];
    expect(bundle.upstream.hashes.length).toBeGreaterThan(0);
    expect(bundle.log.hashes.length).toBeGreaterThan(0);
    expect(altered.map((bad) => verifyProvenance(bad as ProvenanceBundle, trust).ok)).toEqual(
      altered.map(() => false),
    );
  });

  it('a peer that rewrites its history is detected at the next sync, and its evidence verifies with the SDK', async () => {
    // B rewrites its log after C witnessed it: the last leaf is replaced by another.
    const db = b.node.ctx.db;
    const { sql } = await import('drizzle-orm');
    await db.execute(
      sql`update log_leaves set leaf = replace(leaf, '"from":"DE"', '"from":"XX"') where index = (select max(index) from log_leaves)`,
    );
    await db.execute(
      sql`delete from log_nodes where level = 0 and index = (select max(index) from log_leaves)`,
    );
    await db.execute(sql`delete from log_nodes where level > 0`);
    await db.execute(sql`delete from log_cosignatures`);
    await db.execute(sql`delete from log_checkpoints`);
    const { leafHash, appendPlan } = await import('../../sdk/log/index.js');
    const rows = (await db.execute(sql`select index, leaf from log_leaves order by index`)) as unknown as {
      rows?: { leaf: string }[];
    } & { leaf: string }[];
    const leaves = (rows.rows ?? rows).map((r) => leafHash(Buffer.from(r.leaf, 'utf8')));
    const { logNodes } = await import('../../api/db/schema.js');
    await db.delete(logNodes);
    const { nodes } = appendPlan(0, leaves.length).assemble(leaves, () => {
      throw new Error('fresh tree');
    });
    await db
      .insert(logNodes)
      .values(nodes.map((n) => ({ level: n.level, index: Number(n.index), hash: n.hash })));

    await expect(pullPeer(c.node.ctx, 'FR')).rejects.toThrow(/not consistent/);
    const peers = (await (await c.node.request('/v1/peers', { role: 'reader' })).json()) as {
      peers: { id: string; forked: boolean }[];
    };
    expect(peers.peers.find((p) => p.id === 'FR')?.forked).toBe(true);

    const { forks } = (await (await fetch(`${c.url}/fed/v1/log/evidence`)).json()) as {
      forks: { member: string; earlier: string; later: string; proof: string }[];
    };
    expect(forks).toHaveLength(1);
    const trust = auditorTrust();
    expect(verifyForkEvidence(forks[0] as never, trust.logKeys('FR'))).toMatchObject({ forked: true });
    expect(verifyForkEvidence(forks[0] as never, trust.logKeys('DE')).forked).toBe(false);
  });
});
