import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keyAnnouncements, memberKeys } from '../../api/db/schema.js';
import { applyKeyAnnouncements } from '../../api/fed/key-announcements.js';
import { pullPeer } from '../../api/fed/sync/pull-peer.js';
import { privateKeyPath } from '../../api/node/keys.js';
import { seedBodies } from '../../api/node/seed.js';
import { generateKeyPair, importPrivatePem, publicJwk, signKeyAnnouncement } from '../../sdk/keys/index.js';
import { type ListeningNode, listeningTestNode, type NodeIdentity } from './support/in-process-node.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

// Members that join after DE rotated its record key pin only DE's current key. DE's earlier records still
// reach them whole when DE delivers them: its own log proves each was its own, logged before the rotation.
let de: ListeningNode;
const joiners: ListeningNode[] = [];
const ids: Record<'beforeSince' | 'afterSince' | 'afterRotation', string> = {
  beforeSince: '',
  afterSince: '',
  afterRotation: '',
};
let since = '';
let formerKid = '';
let currentKid = '';

const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

async function create(index: number): Promise<string> {
  const res = await de.node.request('/v1/observations', { json: seedBodies()[index] });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function pin(on: ListeningNode, other: ListeningNode, url = other.url) {
  const { id, keys } = (await (await fetch(`${other.url}/.well-known/sightline`)).json()) as NodeIdentity;
  const res = await on.node.request('/v1/peers', { role: 'admin', json: { id, keys, url } });
  expect(res.status).toBe(201);
}

/** A new member, pinned with DE both ways; it reaches DE at `deUrl`. */
async function joiner(member: string, deUrl = de.url): Promise<ListeningNode> {
  const node = await listeningTestNode(member);
  joiners.push(node);
  await pin(de, node);
  await pin(node, de, deUrl);
  return node;
}

/** DE as seen through someone on the path who adds `extra` to DE's key announcements. */
async function tamperingPath(extra: readonly string[]): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const upstream = await fetch(`${de.url}${req.url}`, {
      headers: req.headers.authorization ? { authorization: req.headers.authorization } : {},
    });
    let body = await upstream.text();
    if (req.url === '/fed/v1/keys') {
      const served = JSON.parse(body) as { announcements: string[] };
      body = JSON.stringify({ ...served, announcements: [...extra, ...served.announcements] });
    }
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function held(node: ListeningNode, id: string): Promise<boolean> {
  return (await node.node.request(`/v1/observations/${id}`)).status === 200;
}

beforeAll(async () => {
  de = await listeningTestNode('DE');
  formerKid = de.node.ctx.keys.record.kid;
  ids.beforeSince = await create(0);
  await pause();
  since = new Date().toISOString();
  await pause();
  ids.afterSince = await create(1);
  const rotated = await de.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } });
  expect(rotated.status).toBe(201);
  currentKid = de.node.ctx.keys.record.kid;
  ids.afterRotation = await create(2);
});
afterAll(async () => {
  await Promise.all([de, ...joiners].map((node) => node?.close()));
});

describe('a member joining after the author rotated its record key', () => {
  it('takes the author’s earlier records, and the former key signs no announcement there', async () => {
    // Whoever stole the rotated-away key, on the path to DE, adds a revocation of DE's key in use and a
    // rotation from the stolen key to one of their own.
    const pem = readFileSync(privateKeyPath(join(de.node.dataDir, 'keys'), 'record', formerKid), 'utf8');
    const stolen = { kid: formerKid, privateKey: importPrivatePem(pem) };
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const theirs = generateKeyPair();
    const forged = [
      await signKeyAnnouncement(
        {
          type: 'key-revocation',
          member: 'DE',
          role: 'record',
          kid: currentKid,
          since: '2020-01-01T00:00:00Z',
          at,
        },
        stolen,
      ),
      await signKeyAnnouncement(
        {
          type: 'key-rotation',
          member: 'DE',
          role: 'record',
          oldKid: formerKid,
          newKid: theirs.kid,
          newJwk: publicJwk(theirs.publicKey),
          at: '2099-01-01T00:00:00Z',
        },
        stolen,
      ),
    ];
    const path = await tamperingPath(forged);
    try {
      const fr = await joiner('FR', path.url);
      const pages = await pullPeer(fr.node.ctx, 'DE');
      expect(pages.reduce((sum, page) => sum + page.rejected, 0)).toBe(0);
      for (const id of Object.values(ids)) expect(await held(fr, id)).toBe(true);
      expect(await applyKeyAnnouncements(fr.node.ctx, forged)).toBe(0);
      const stored = await fr.node.ctx.db.select({ jws: keyAnnouncements.jws }).from(keyAnnouncements);
      expect(stored.map(({ jws }) => jws)).not.toContain(forged[1]);
      const pins = await fr.node.ctx.db.select({ kid: memberKeys.kid }).from(memberKeys);
      expect(pins.map(({ kid }) => kid)).not.toContain(theirs.kid);
    } finally {
      await new Promise((resolve) => path.server.close(resolve));
    }
  });

  it('applies the author’s revocation of the former key as a member there all along would', async () => {
    const revoked = await de.node.request('/v1/keys/revoke', {
      role: 'admin',
      json: { kid: formerKid, since },
    });
    expect(revoked.status).toBe(201);
    const jp = await joiner('JP');
    await pullPeer(jp.node.ctx, 'DE');
    expect(await held(jp, ids.beforeSince)).toBe(true);
    expect(await held(jp, ids.afterSince)).toBe(false);
    expect(await held(jp, ids.afterRotation)).toBe(true);
  });
});
