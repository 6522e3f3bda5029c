import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullPeer } from '../../api/fed/sync/pull-peer.js';
import { logOrigin } from '../../api/log/names.js';
import { seedBodies } from '../../api/node/seed.js';
import type { ProvenanceBundle } from '../../schemas/api/provenance.js';
import type { SignedRecord } from '../../schemas/record.js';
import { createPeerClient } from '../../sdk/client/peer-client.js';
import { importPrivatePem, importPublicJwk, type PublicJwk, publicJwk } from '../../sdk/keys/index.js';
import { ed25519NoteVerifier, verifyCheckpoint } from '../../sdk/log/index.js';
import { newNonce, signRecord } from '../../sdk/record/index.js';
import { type ListeningNode, listeningChain } from '../federation/support/in-process-node.js';

let a: ListeningNode;
let b: ListeningNode;
let c: ListeningNode;

async function holds(node: ListeningNode, id: string): Promise<boolean> {
  return (await node.node.request(`/v1/observations/${id}`, { role: 'reader' })).status === 200;
}

async function create(node: ListeningNode, index: number): Promise<string> {
  const body = seedBodies()[index];
  const res = await node.node.request('/v1/observations', { json: { ...body, tlp: 'TLP:GREEN' } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  [a, b, c] = (await listeningChain()).nodes;
}, 120_000);

afterAll(async () => {
  await Promise.all([a, b, c].map((n) => n?.close()));
});

describe('key rotation and revocation across three nodes', () => {
  it('peers follow a rotation signed by the old key, directly and through a relay', async () => {
    const before = await create(a, 0);
    const oldKid = a.node.ctx.keys.record.kid;
    const rotated = await a.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } });
    expect(rotated.status).toBe(201);
    const { newKid } = (await rotated.json()) as { newKid: string };
    expect(newKid).not.toBe(oldKid);
    const after = await create(a, 1);

    await pullPeer(b.node.ctx, 'DE');
    await pullPeer(c.node.ctx, 'FR');
    for (const node of [b, c]) {
      expect(await holds(node, before)).toBe(true);
      expect(await holds(node, after)).toBe(true);
    }
    // The old key stays published so old records still verify, and the rotation is a log leaf.
    const jwks = (await (await fetch(`${a.url}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    const view = (await (await c.node.request(`/v1/observations/${before}`, { role: 'reader' })).json()) as {
      verified: boolean;
    };
    expect(view.verified).toBe(true);
  });

  it('a rotation not signed by the pinned key is not followed', async () => {
    const { applyKeyAnnouncements } = await import('../../api/fed/key-announcements.js');
    const { generateKeyPair, signKeyRotation } = await import('../../sdk/keys/index.js');
    const impostor = generateKeyPair();
    const next = generateKeyPair();
    const forged = await signKeyRotation(
      { member: 'DE', role: 'record', at: '2026-11-28T00:00:00Z' },
      impostor,
      next,
    );
    expect(await applyKeyAnnouncements(b.node.ctx, [forged])).toBe(0);
  });

  it("a member cannot revoke another member's key, and a revocation never moves later", async () => {
    const { applyKeyAnnouncements } = await import('../../api/fed/key-announcements.js');
    const { signKeyAnnouncement } = await import('../../sdk/keys/index.js');
    const pinOf = async (kid: string) =>
      (await b.node.ctx.db.query.memberKeys.findMany()).find((pin) => pin.kid === kid);
    const victim = a.node.ctx.keys.record.kid;
    const revoke = (member: string, kid: string, since: string, signer: { kid: string; privateKey: never }) =>
      signKeyAnnouncement(
        { type: 'key-revocation', member, role: 'record', kid, since, at: '2026-11-28T00:00:00Z' },
        signer as never,
      );
    // JP signs, with its own pinned record key, a revocation of DE's current record key.
    const forged = await revoke('JP', victim, '1970-01-01T00:00:00Z', c.node.ctx.keys.record as never);
    expect(await applyKeyAnnouncements(b.node.ctx, [forged])).toBe(0);
    expect((await pinOf(victim))?.revokedSince).toBeNull();

    // DE revokes its own retired key at FR, then announces a later start: the earlier one stands.
    const retired = (await a.node.ctx.db.query.nodeKeys.findMany()).find(
      (k) => k.role === 'record' && k.retiredAt,
    )?.kid as string;
    const signer = a.node.ctx.keys.record as never;
    const earlier = await revoke('DE', retired, '2026-01-01T00:00:00Z', signer);
    const later = await revoke('DE', retired, '2026-06-01T00:00:00Z', signer);
    expect(await applyKeyAnnouncements(b.node.ctx, [earlier, later])).toBe(2);
    expect(Date.parse((await pinOf(retired))?.revokedSince as string)).toBe(
      Date.parse('2026-01-01T00:00:00Z'),
    );
  });

  it('after a log key rotation, provenance bundles name the log key that signed each checkpoint', async () => {
    const signs = (note: string | undefined, member: string, jwk: PublicJwk | undefined) => {
      const verifier = ed25519NoteVerifier(logOrigin(member), importPublicJwk(jwk as PublicJwk));
      return () => verifyCheckpoint(note as string, { logKey: verifier });
    };
    const bundleOf = async (node: ListeningNode, id: string) => {
      const res = await node.node.request(`/v1/observations/${id}/provenance`, { role: 'reader' });
      expect(res.status).toBe(200);
      return (await res.json()) as ProvenanceBundle;
    };
    const older = await create(a, 3);
    // Two passes: B's witness cosigns a checkpoint of DE's that covers the record.
    await pullPeer(b.node.ctx, 'DE');
    await pullPeer(b.node.ctx, 'DE');
    const oldLogKey = publicJwk(a.node.ctx.keys.log.publicKey);

    const rotated = await a.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'log' } });
    expect(rotated.status).toBe(201);
    const newLogKey = publicJwk(a.node.ctx.keys.log.publicKey);
    expect(newLogKey).not.toEqual(oldLogKey);

    // DE's own bundle still proves the older record against the cosigned checkpoint of the old key.
    const own = await bundleOf(a, older);
    expect(own.node.logKey).toEqual(oldLogKey);
    expect(signs(own.log.checkpoint, 'DE', own.node.logKey)).not.toThrow();

    const newer = await create(a, 4);
    await pullPeer(b.node.ctx, 'DE');
    await pullPeer(b.node.ctx, 'DE');
    // FR holds both of DE's log keys now; the bundle carries the one that signed DE's checkpoint.
    const { upstream } = await bundleOf(b, newer);
    expect(upstream?.member).toBe('DE');
    expect(upstream?.logKey).toEqual(newLogKey);
    expect(signs(upstream?.checkpoint, 'DE', upstream?.logKey)).not.toThrow();
  });

  it('after a revocation, records signed with the revoked key and logged later are rejected everywhere', async () => {
    const revokedKid = (await a.node.ctx.db.query.nodeKeys.findMany()).find(
      (k) => k.role === 'record' && k.retiredAt,
    )?.kid as string;
    const res = await a.node.request('/v1/keys/revoke', {
      role: 'admin',
      json: { kid: revokedKid, since: new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z') },
    });
    expect(res.status).toBe(201);
    // The revocation is a leaf of DE's log: FR's next sync from DE sees the log grow and takes it up.
    await pullPeer(b.node.ctx, 'DE');

    // Someone holding the stolen old key signs a new record as DE and pushes it to FR.
    const pem = readFileSync(join(a.node.dataDir, 'keys', `record-${revokedKid}.pem`), 'utf8');
    const record = {
      ...seedBodies()[2],
      type: 'observation',
      author: 'DE',
      createdAt: '2026-11-28T12:00:00Z',
      nonce: newNonce(),
      tlp: 'TLP:GREEN',
    } as SignedRecord;
    const { jws, id } = signRecord(record, { kid: revokedKid, privateKey: importPrivatePem(pem) });
    const deAsPeer = createPeerClient({
      baseUrl: b.url,
      issuer: 'DE',
      audience: 'FR',
      key: a.node.ctx.keys.peer,
    });
    const [outcome] = await deAsPeer.push([jws]);
    expect(outcome).toMatchObject({ status: 'rejected', code: 'unknown_kid' });
    expect(await holds(b, id)).toBe(false);

    // At the author's own node too.
    const [own] = await (await import('../../api/ingest/ingest.js')).ingestRecords(a.node.ctx, [jws], {
      from: 'self',
    });
    expect(own?.status).toBe('rejected');
  });

  it('a checkpoint signed with a revoked log key is neither witnessed nor pulled under', async () => {
    const { eq } = await import('drizzle-orm');
    const { memberKeys } = await import('../../api/db/schema.js');
    const logKid = a.node.ctx.keys.log.kid;
    await create(a, 5);
    const revoke = (since: string | null) =>
      b.node.ctx.db.update(memberKeys).set({ revokedSince: since }).where(eq(memberKeys.kid, logKid));
    // As if DE had announced its log key stolen: whatever DE's node now signs with it could be the thief's.
    await revoke(new Date(Date.now() - 60_000).toISOString());
    try {
      await expect(pullPeer(b.node.ctx, 'DE')).rejects.toThrow(/not signed by a log key pinned/);
    } finally {
      await revoke(null);
    }
    await pullPeer(b.node.ctx, 'DE');
  });

  it('a record its author logged before revoking the key still reaches a node that pulls it later', async () => {
    const signedWith = a.node.ctx.keys.record.kid;
    const id = await create(a, 6);
    // The revocation starts after DE logged the record (leaf times have milliseconds).
    await new Promise((resolve) => setTimeout(resolve, 50));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(
      (await a.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } })).status,
    ).toBe(201);
    const revoked = await a.node.request('/v1/keys/revoke', {
      role: 'admin',
      json: { kid: signedWith, since },
    });
    expect(revoked.status).toBe(201);

    // FR takes up the revocation with this pull, then judges the record by when DE logged it.
    await pullPeer(b.node.ctx, 'DE');
    expect(await holds(b, id)).toBe(true);
  });
});
