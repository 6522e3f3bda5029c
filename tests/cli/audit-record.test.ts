import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedBodies } from '../../api/node/seed.js';
import { ensureBuilt } from './support/build.js';
import { type RunningNode, runCli, startNode } from './support/cli.js';

// Real processes on a busy machine: PGlite's first start alone can take a minute there.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

// `sightline audit --record` verifies a provenance bundle offline with the SDK: a record signed with a key its
// member revoked from a time before the record was logged is not verified, whatever the node says.
const dataDir = mkdtempSync(join(tmpdir(), 'sightline-audit-'));
let node: RunningNode;
let token: string;

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
};
const audit = (id: string) =>
  runCli(['audit', '--record', id, '--node', node.url], { SIGHTLINE_TOKEN: token });

beforeAll(async () => {
  await ensureBuilt();
  node = await startNode(['--member', 'DE', '--port', '0', '--data', dataDir]);
  token = readFileSync(join(dataDir, 'initial-token'), 'utf8').trim();
});
afterAll(async () => {
  await node?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sightline audit --record', () => {
  it('verifies a record, and no longer once its key is revoked from before it was logged', async () => {
    const before = (await api('POST', '/v1/observations', seedBodies()[0])).id as string;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = (await api('POST', '/v1/observations', seedBodies()[1])).id as string;
    expect((await audit(after)).code).toBe(0);

    const identity = (await api('GET', '/.well-known/sightline')) as { keys: { record: string[] } };
    const [kid] = identity.keys.record;
    await api('POST', '/v1/keys/rotate', { role: 'record' });
    await api('POST', '/v1/keys/revoke', { kid, since });

    const refused = await audit(after);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/FAIL {2}author signature: key_revoked/);
    expect(refused.stdout).toMatch(/NOT verified/);
    const kept = await audit(before);
    expect(kept.code, kept.stdout).toBe(0);
  });
});
