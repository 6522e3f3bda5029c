import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestNode, type TestNode } from '../support/node.js';

// The node's public identity: one Ed25519 key per role, named by RFC 7638 thumbprint; private halves on
// disk readable by the node's user only.
let node: TestNode;
beforeAll(async () => {
  node = await createTestNode('DE');
});
afterAll(() => node?.close());

const roles = ['record', 'log', 'witness', 'peer'];

interface Jwk {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  use?: string;
  alg?: string;
  d?: string;
}

async function jwks(): Promise<Jwk[]> {
  const res = await node.request('/.well-known/jwks.json', { role: 'none' });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return ((await res.json()) as { keys: Jwk[] }).keys;
}

async function sightline() {
  const res = await node.request('/.well-known/sightline', { role: 'none' });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown> & { keys: Record<string, string[]> };
}

describe('GET /.well-known/jwks.json', () => {
  it('publishes four public Ed25519 signing keys, kid = RFC 7638 thumbprint (computed by jose)', async () => {
    const keys = await jwks();
    expect(keys).toHaveLength(4);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', use: 'sig', alg: 'Ed25519' });
      expect(key).not.toHaveProperty('d');
      expect(key.kid).toBe(await calculateJwkThumbprint({ kty: key.kty, crv: key.crv, x: key.x }, 'sha256'));
    }
    expect(new Set(keys.map((k) => k.x)).size).toBe(4);
  });

  it('holds exactly one key for each role named by /.well-known/sightline', async () => {
    const keys = await jwks();
    const document = await sightline();
    expect(Object.keys(document.keys).sort()).toEqual([...roles].sort());
    const byRole = roles.map((role) => document.keys[role]);
    for (const kids of byRole) expect(kids).toHaveLength(1);
    expect(byRole.flat().sort()).toEqual(keys.map((k) => k.kid).sort());
  });

  it('names the key records are signed with', async () => {
    const res = await node.request('/v1/observations', {
      json: (await import('../../api/node/seed.js')).seedBodies()[19],
    });
    const { jws } = (await res.json()) as { jws: string };
    const header = JSON.parse(Buffer.from(jws.split('.')[0] as string, 'base64url').toString()) as {
      kid: string;
    };
    expect((await sightline()).keys.record).toEqual([header.kid]);
  });
});

describe('GET /.well-known/sightline', () => {
  it('describes the node: member id, software version, API base, keys URL', async () => {
    const version = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    ).version;
    const document = await sightline();
    expect(document).toMatchObject({
      id: 'DE',
      software: { name: 'sightline', version },
      api: `${node.ctx.baseUrl}/v1`,
      jwks: `${node.ctx.baseUrl}/.well-known/jwks.json`,
    });
  });

  it('is public, like the JWKS', async () => {
    for (const path of ['/.well-known/sightline', '/.well-known/jwks.json', '/health']) {
      expect((await node.request(path, { role: 'none' })).status).toBe(200);
    }
  });
});

describe('key files in the data folder', () => {
  it('keeps the private keys in keys/ (0700), one file per role, each 0600', () => {
    const folder = join(node.dataDir, 'keys');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const files = readdirSync(folder);
    expect(files).toHaveLength(4);
    for (const role of roles) expect(files.filter((f) => f.startsWith(`${role}-`))).toHaveLength(1);
    for (const file of files) {
      expect(statSync(join(folder, file)).mode & 0o777, file).toBe(0o600);
      expect(readFileSync(join(folder, file), 'utf8')).toContain('PRIVATE KEY');
    }
  });

  it('names each file after the kid the JWKS publishes for it', async () => {
    const files = readdirSync(join(node.dataDir, 'keys'));
    const kids = (await jwks()).map((k) => k.kid);
    expect(files.map((f) => f.replace(/^\w+-/, '').replace(/\.pem$/, '')).sort()).toEqual(kids.sort());
  });
});

describe('GET /health', () => {
  it('reports the database ready', async () => {
    const res = await node.request('/health', { role: 'none' });
    expect(await res.json()).toMatchObject({ status: 'ok', member: 'DE', database: 'ready' });
  });
});
