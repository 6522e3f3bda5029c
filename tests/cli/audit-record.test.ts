import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pullPeer } from '../../api/fed/sync/pull-peer.js';
import { seedBodies } from '../../api/node/seed.js';
import { type ListeningNode, listeningPair } from '../federation/support/in-process-node.js';
import { ensureBuilt } from './support/build.js';
import { runCli } from './support/cli.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

// `sightline audit --record` verifies a provenance bundle offline with the SDK, against the keys FR pinned for
// DE and the revocations DE signed: once DE revokes its record key from a time before a record was logged,
// the record no longer verifies at FR, whatever FR's node says.
let de: ListeningNode;
let fr: ListeningNode;
/** The record of the first test, signed with a key DE then revoked from before it was logged. */
let revokedRecord: string;

const audit = (id: string, at: ListeningNode = fr) =>
  runCli(['audit', '--record', id, '--node', at.url], { SIGHTLINE_TOKEN: at.node.tokens.admin });

beforeAll(async () => {
  await ensureBuilt();
  [de, fr] = await listeningPair('DE', 'FR');
});
afterAll(async () => {
  await Promise.all([de, fr].map((n) => n?.close()));
});

describe('sightline audit --record', () => {
  it('verifies a pulled record, and no longer once its author revokes the key from before it was logged', async () => {
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const created = await de.node.request('/v1/observations', { json: seedBodies()[0] });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    revokedRecord = id;
    const signedWith = de.node.ctx.keys.record.kid;
    await pullPeer(fr.node.ctx, 'DE');
    const clean = await audit(id);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);

    const rotate = await de.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } });
    expect(rotate.status).toBe(201);
    const revoke = await de.node.request('/v1/keys/revoke', {
      role: 'admin',
      json: { kid: signedWith, since },
    });
    expect(revoke.status).toBe(201);
    await pullPeer(fr.node.ctx, 'DE'); // FR takes up DE's announcements

    const refused = await audit(id);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/FAIL {2}author signature: key_revoked/);
    expect(refused.stdout).toMatch(/NOT verified/);
  });

  it('verifies a record the node itself signed before it rotated that key, until it revokes the key', async () => {
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const created = await de.node.request('/v1/observations', { json: seedBodies()[1] });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const signedWith = de.node.ctx.keys.record.kid;
    const rotate = await de.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } });
    expect(rotate.status).toBe(201);

    // DE's identity lists only its new key; its own rotation names the key the record was signed with.
    const own = await audit(id, de);
    expect(own.code, own.stdout + own.stderr).toBe(0);
    expect(own.stdout).toContain(`author signature: signed by DE with key ${signedWith}`);

    const revoke = await de.node.request('/v1/keys/revoke', {
      role: 'admin',
      json: { kid: signedWith, since },
    });
    expect(revoke.status).toBe(201);
    const refused = await audit(id, de);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/FAIL {2}author signature: key_revoked/);

    // The first key's revocation was signed by this (now revoked) key, so verifiers drop it: the first key
    // must then verify nothing, rather than act as never revoked.
    const first = await audit(revokedRecord, de);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/FAIL {2}author signature/);
  });
});
