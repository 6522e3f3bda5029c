import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt } from './support/build.js';
import { jsonLines, type RunningNode, startNode } from './support/cli.js';

// Real processes on a busy machine: PGlite's first start alone can take a minute there.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

// What a new user gets from `start --seed` on an empty folder: the 20 public cases and a first admin token
// in a file only the operator can read, never in the logs.
const dataDir = join(mkdtempSync(join(tmpdir(), 'sightline-cli-seed-')), 'data');
let node: RunningNode | undefined;
let token: string;

beforeAll(async () => {
  await ensureBuilt();
  node = await startNode(['--seed', '--member', 'NL', '--port', '0', '--data', dataDir]);
});
afterAll(async () => {
  await node?.stop();
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

const get = (path: string, bearer = token) =>
  fetch(`${node?.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

describe('sightline start --seed on an empty data folder', () => {
  it('writes data/initial-token, mode 0600', () => {
    const file = join(dataDir, 'initial-token');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    token = readFileSync(file, 'utf8').trim();
    expect(token).toMatch(/^slt_[A-Za-z0-9_-]{40,}$/);
  });

  it('loads the 20 public seed cases as this member’s records, all verifying', async () => {
    const res = await get('/v1/observations?limit=500');
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { id: string; author: string }[] };
    expect(items).toHaveLength(20);
    expect(new Set(items.map((item) => item.author))).toEqual(new Set(['NL']));
    const one = (await (await get(`/v1/observations/${items[0]?.id}`)).json()) as { verified: boolean };
    expect(one.verified).toBe(true);
  });

  it('says so in its log, which names the token file but never the token', () => {
    const logs = jsonLines(node?.stdout() ?? '');
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'loaded the public seed cases', records: 20 }),
    );
    expect(logs).toContainEqual(expect.objectContaining({ file: join(dataDir, 'initial-token') }));
    expect(node?.stdout()).not.toContain(token);
    expect(node?.stderr()).not.toContain(token);
  });

  it('gives the initial token the admin role: it can write', async () => {
    const list = (await (await get('/v1/observations?limit=1')).json()) as { items: { id: string }[] };
    const res = await fetch(`${node?.url}/v1/observations/${list.items[0]?.id}/retract`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'checking the initial token can write' }),
    });
    expect(res.status).toBe(201);
  });

  it('does not seed twice or write a new token on restart', async () => {
    await node?.stop();
    node = await startNode(['--seed', '--member', 'NL', '--port', '0', '--data', dataDir]);
    const { items } = (await (await get('/v1/observations?limit=500')).json()) as { items: unknown[] };
    expect(items).toHaveLength(21);
    expect(readFileSync(join(dataDir, 'initial-token'), 'utf8').trim()).toBe(token);
    expect(jsonLines(node.stdout()).some((line) => line.msg === 'loaded the public seed cases')).toBe(false);
  });
});
