import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedBodies } from '../../api/node/seed.js';
import { ensureBuilt } from './support/build.js';
import { jsonLines, type RunningNode, runCli, startNode } from './support/cli.js';

// Real processes on a busy machine: PGlite's first start alone can take a minute there.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

// One data folder through an operator's first day: init, a token, start, use, a second process refused.
const dataDir = mkdtempSync(join(tmpdir(), 'sightline-cli-'));
let identity: { id: string; keys: Record<string, string[]> };
let analystToken: string;
let node: RunningNode | undefined;

beforeAll(async () => {
  await ensureBuilt();
});
afterAll(async () => {
  await node?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const api = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${node?.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });

describe('sightline init', () => {
  it('creates the data folder and prints the identity: member id and one RFC 7638 thumbprint per role', async () => {
    const { code, stdout, stderr } = await runCli(['init', '--member', 'DE', '--data', dataDir]);
    expect(code, stderr).toBe(0);
    identity = JSON.parse(stdout);
    expect(identity.id).toBe('DE');
    expect(Object.keys(identity.keys).sort()).toEqual(['log', 'peer', 'record', 'witness']);
    for (const kids of Object.values(identity.keys)) {
      expect(kids).toHaveLength(1);
      expect(kids[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });

  it('keeps private keys 0600 in a 0700 folder, named by the printed thumbprints', () => {
    const keys = join(dataDir, 'keys');
    expect(statSync(keys).mode & 0o777).toBe(0o700);
    const files = readdirSync(keys).sort();
    const expected = Object.entries(identity.keys).map(([role, [kid]]) => `${role}-${kid}.pem`);
    expect(files).toEqual(expected.sort());
    for (const file of files) expect(statSync(join(keys, file)).mode & 0o777).toBe(0o600);
  });

  it('is idempotent: a second init prints the same identity', async () => {
    const { code, stdout } = await runCli(['init', '--member', 'DE', '--data', dataDir]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(identity);
  });
});

describe('sightline token create', () => {
  it('prints a new token on the last line of its output', async () => {
    const { code, stdout, stderr } = await runCli([
      'token',
      'create',
      '--role',
      'analyst',
      '--data',
      dataDir,
    ]);
    expect(code, stderr).toBe(0);
    analystToken = stdout.trimEnd().split('\n').at(-1) as string;
    expect(analystToken).toMatch(/^slt_[A-Za-z0-9_-]{40,}$/);
  });
});

describe('sightline start', () => {
  it('listens on the port it was given (0: any free one) and logs its URL', async () => {
    node = await startNode(['--member', 'DE', '--port', '0', '--data', dataDir]);
    expect(node.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${node.url}/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', member: 'DE' });
  });

  it('accepts the token created before it started', async () => {
    const created = await api('/v1/observations', analystToken, {
      method: 'POST',
      body: JSON.stringify(seedBodies()[9]),
    });
    expect(created.status).toBe(201);
    const list = await api('/v1/observations', analystToken);
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
    expect((await api('/v1/observations', 'slt_not-a-token')).status).toBe(401);
  });

  it('makes a second process on the same data folder stop with a clear "in use" message', async () => {
    const { code, stdout, stderr } = await runCli(['token', 'create', '--role', 'reader', '--data', dataDir]);
    expect(code).not.toBe(0);
    expect(code).not.toBe(2);
    expect(stderr).toMatch(/in use/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).not.toMatch(/slt_/);
  });

  it('makes a node on a port already taken stop with a clear message, not a crash', async () => {
    const other = mkdtempSync(join(tmpdir(), 'sightline-cli-port-'));
    try {
      const port = new URL(node?.url as string).port;
      const { code, stderr } = await runCli(['start', '--member', 'FR', '--port', port, '--data', other]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+: the port is in use/);
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('keeps working after that attempt', async () => {
    expect((await fetch(`${node?.url}/health`)).status).toBe(200);
    const list = await api('/v1/observations', analystToken);
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('logs one JSON line per request (method, path, status, duration) and never the token', async () => {
    await api('/v1/observations?limit=2', analystToken);
    const running = node as RunningNode;
    expect(await running.stop()).toBe(0);
    node = undefined;
    const lines = running.stdout().trimEnd().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    const requests = jsonLines(running.stdout()).filter((line) => line.path !== undefined && line.method);
    expect(requests).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        path: '/v1/observations',
        status: 200,
        durationMs: expect.any(Number),
        requestId: expect.any(String),
      }),
    );
    expect(requests).toContainEqual(expect.objectContaining({ method: 'POST', status: 201 }));
    expect(requests).toContainEqual(expect.objectContaining({ status: 401 }));
    for (const output of [running.stdout(), running.stderr()]) {
      expect(output).not.toContain(analystToken);
      expect(output).not.toContain('slt_not-a-token');
      expect(output).not.toMatch(/authorization/i);
    }
  });

  it('starts again on the same folder once the first node has stopped', async () => {
    node = await startNode(['--member', 'DE', '--port', '0', '--data', dataDir]);
    const list = await api('/v1/observations', analystToken);
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('uses the member stored by init when --member is not given', async () => {
    await node?.stop();
    node = await startNode(['--port', '0', '--data', dataDir]);
    expect(await (await fetch(`${node.url}/health`)).json()).toMatchObject({ member: 'DE' });
  });

  it('shows an admin command the fields the node refused', async () => {
    // Tokens are made offline, on a data folder no node holds.
    await node?.stop();
    const admin = await runCli(['token', 'create', '--role', 'admin', '--data', dataDir]);
    expect(admin.code).toBe(0);
    node = await startNode(['--member', 'DE', '--port', '0', '--data', dataDir]);
    const { code, stderr } = await runCli(['keys', 'rotate', '--role', 'nonsense', '--node', node.url], {
      SIGHTLINE_TOKEN: admin.stdout.trimEnd().split('\n').at(-1) as string,
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/\n {2}\/role: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
