import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { KeySetCache, keyListFingerprint } from '../../api/ingest/verify-pool/key-sets.js';
import { createPoolWith } from '../../api/ingest/verify-pool/pool.js';
import { spawnVerifyWorker } from '../../api/ingest/verify-pool/spawn.js';
import {
  createVerifyPool,
  INLINE_BATCH_LIMIT,
  type PinnedRecordKey,
  pinnedRecordKeys,
} from '../../api/ingest/verify-pool.js';
import type { SignedRecord } from '../../schemas/record.js';
import { SightlineError } from '../../sdk/errors.js';
import { type Ed25519KeyPair, generateKeyPair, PinnedKeySet, publicJwk } from '../../sdk/keys/index.js';
import { newNonce, type RecordVerification, signRecord, verifyRecord } from '../../sdk/record/index.js';

const deKey = generateKeyPair();
const frKey = generateKeyPair();
const strangerKey = generateKeyPair();
const keys: PinnedRecordKey[] = [
  { member: 'DE', jwk: publicJwk(deKey.publicKey) },
  { member: 'FR', jwk: publicJwk(frKey.publicKey) },
];
const inlineResolve = PinnedKeySet.fromKeys(keys).resolve;

function retraction(author: string, key: Ed25519KeyPair, i: number): string {
  const record = {
    type: 'retraction',
    author,
    createdAt: '2026-01-01T00:00:00Z',
    nonce: newNonce(),
    retracts: createHash('sha256').update(`target-${i}`).digest('hex'),
    reason: 'x',
    tlp: 'TLP:GREEN',
  } as SignedRecord;
  return signRecord(record, key).jws;
}

const seedBodies = (
  JSON.parse(
    readFileSync(new URL('../../fixtures/seed-observations.json', import.meta.url), 'utf8'),
  ) as Array<Record<string, unknown>>
).map(({ schemaVersion, recordId, reportingNode, createdAt, ...body }) => body);

function observation(author: string, key: Ed25519KeyPair, i: number): string {
  const envelope = { type: 'observation', author, createdAt: '2026-01-01T00:00:00Z', nonce: newNonce() };
  return signRecord({ ...envelope, ...seedBodies[i % seedBodies.length] } as SignedRecord, key).jws;
}

function tamperSignature(jws: string): string {
  const cut = jws.lastIndexOf('.') + 1;
  return jws.slice(0, cut) + (jws[cut] === 'A' ? 'B' : 'A') + jws.slice(cut + 1);
}

function tamperPayload(jws: string): string {
  const [header, payload, signature] = jws.split('.') as [string, string, string];
  const record = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const changed = Buffer.from(JSON.stringify({ ...record, reason: 'y' })).toString('base64url');
  return `${header}.${changed}.${signature}`;
}

const GARBAGE = ['', 'not a jws', 'a.b.c', 'e30.e30.', '...', 'eyJ9.eyJ9.AAAA', '\u0000.\u0001.\u0002'];

/** 2,000 records: mostly valid (retractions and seed observations), every kind of failure spread through. */
function mixedBatch(): string[] {
  return Array.from({ length: 2000 }, (_, i) => {
    switch (i % 10) {
      case 0:
        return i % 20 ? observation('DE', deKey, i / 10) : observation('FR', frKey, i / 20);
      case 3:
        return tamperSignature(retraction('DE', deKey, i));
      case 5:
        return tamperPayload(retraction('FR', frKey, i));
      case 7:
        return retraction('DE', strangerKey, i); // unknown kid
      case 8:
        return GARBAGE[i % GARBAGE.length] as string;
      case 9:
        return retraction('FR', deKey, i); // pinned key, other member
      default:
        return retraction(i % 2 ? 'DE' : 'FR', i % 2 ? deKey : frKey, i);
    }
  });
}

const batch = mixedBatch();
const expected = batch.map((jws) => verifyRecord(jws, inlineResolve));
// One pool shared by the tests that do not crash or close it: each worker start loads tsx, zod and the schemas.
const shared = createVerifyPool({ size: 2 });
const pools: Array<{ close(): Promise<void> }> = [shared];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

function codes(results: readonly RecordVerification[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.ok ? 'ok' : r.code] = (counts[r.ok ? 'ok' : r.code] ?? 0) + 1;
  return counts;
}

describe('createVerifyPool', () => {
  it('returns exactly the inline verifyRecord results, in input order, from two worker threads', async () => {
    expect(codes(expected)).toEqual({
      ok: 1000,
      bad_signature: 400,
      unknown_kid: 200,
      malformed_jws: expect.any(Number),
      bad_header: expect.any(Number),
      author_mismatch: 200,
    });
    expect(expected.filter((r) => r.ok && r.record.type === 'observation')).toHaveLength(200);
    const before = shared.stats();
    const results = await shared.verify(batch, keys);

    expect(results).toStrictEqual(expected);
    expect(results.map((r) => r.jws)).toEqual(batch);
    const { chunksByThread, workerBatches, inlineBatches } = shared.stats();
    const threads = Object.keys(chunksByThread).map(Number);
    expect(threads).toHaveLength(2);
    expect(threads).not.toContain(threadId);
    expect(workerBatches).toBe(before.workerBatches + 1);
    expect(inlineBatches).toBe(before.inlineBatches);

    // Again: the same two workers, results still match.
    expect(await shared.verify(batch.slice(7, 900), keys)).toEqual(expected.slice(7, 900));
    expect(Object.keys(shared.stats().chunksByThread).map(Number).sort()).toEqual(threads.sort());
  });

  it('verifies batches below the inline limit on the calling thread', async () => {
    const before = shared.stats();
    const small = batch.slice(0, INLINE_BATCH_LIMIT - 1);
    expect(await shared.verify(small, keys)).toEqual(expected.slice(0, INLINE_BATCH_LIMIT - 1));
    expect(await shared.verify([], keys)).toEqual([]);
    expect(shared.stats()).toEqual({ ...before, inlineBatches: before.inlineBatches + 2 });
  });

  it('keeps concurrent batches with different key lists apart', async () => {
    const pool = shared;
    const onlyFr = keys.filter((k) => k.member === 'FR');
    const frResolve = PinnedKeySet.fromKeys(onlyFr).resolve;
    const [withBoth, withFr, again] = await Promise.all([
      pool.verify(batch.slice(0, 600), keys),
      pool.verify(batch.slice(0, 600), onlyFr),
      pool.verify(batch.slice(600, 1300), keys),
    ]);
    expect(withBoth).toEqual(expected.slice(0, 600));
    expect(withFr).toEqual(batch.slice(0, 600).map((jws) => verifyRecord(jws, frResolve)));
    expect(codes(withFr).unknown_kid).toBeGreaterThan(codes(withBoth).unknown_kid ?? 0);
    expect(again).toEqual(expected.slice(600, 1300));
  });

  it('rejects bad keys with the same SightlineError as PinnedKeySet, on both paths', async () => {
    const pool = shared;
    const conflict = [...keys, { member: 'IT', jwk: publicJwk(deKey.publicKey) }];
    for (const jwsList of [batch.slice(0, 3), batch]) {
      await expect(pool.verify(jwsList, conflict)).rejects.toMatchObject({ code: 'key_conflict' });
      const bad = [{ member: 'DE', jwk: { ...publicJwk(deKey.publicKey), kid: 'wrong' } }];
      await expect(pool.verify(jwsList, bad)).rejects.toMatchObject({ code: 'invalid_key' });
    }
  });

  it('rejects the batch whose worker crashes, then replaces the worker', async () => {
    let spawned = 0;
    const crashingFirst = (): Worker => {
      spawned++;
      if (spawned > 1) return spawnVerifyWorker();
      const code = `require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });`;
      return new Worker(code, { eval: true });
    };
    const pool = createPoolWith(crashingFirst, { size: 1, inlineBelow: INLINE_BATCH_LIMIT });
    pools.push(pool);

    const crashed = pool.verify(batch, keys);
    await expect(crashed).rejects.toBeInstanceOf(SightlineError);
    await expect(crashed).rejects.toMatchObject({
      code: 'verify_worker_crashed',
      cause: { message: 'boom' },
    });

    expect(await pool.verify(batch, keys)).toEqual(expected);
    expect(spawned).toBe(2);
    expect(Object.keys(pool.stats().chunksByThread)).toHaveLength(1);
  });

  it('rejects a batch whose worker is killed mid-flight', async () => {
    const workers: Worker[] = [];
    const pool = createPoolWith(
      () => {
        const worker = spawnVerifyWorker();
        workers.push(worker);
        return worker;
      },
      { size: 1, inlineBelow: INLINE_BATCH_LIMIT },
    );
    pools.push(pool);
    const pending = pool.verify(batch, keys);
    await workers[0]?.terminate();
    await expect(pending).rejects.toMatchObject({ code: 'verify_worker_crashed' });
    expect(await pool.verify(batch, keys)).toEqual(expected);
    expect(workers).toHaveLength(2);
  });

  it('close() rejects batches in flight and later calls, and resolves', async () => {
    const pool = createVerifyPool({ size: 1 });
    const pending = expect(pool.verify(batch, keys)).rejects.toMatchObject({ code: 'verify_pool_closed' });
    await pool.close();
    await pending;
    await expect(pool.verify(batch.slice(0, 3), keys)).rejects.toMatchObject({ code: 'verify_pool_closed' });
    await pool.close();
  });

  it('refuses a size that is not a non-negative integer, and size 0 verifies inline', async () => {
    expect(() => createVerifyPool({ size: -1 })).toThrow(RangeError);
    expect(() => createVerifyPool({ size: 1.5 })).toThrow(RangeError);
    const pool = createVerifyPool({ size: 0 });
    expect(await pool.verify(batch.slice(0, 100), keys)).toEqual(expected.slice(0, 100));
    expect(pool.stats()).toMatchObject({ inlineBatches: 1, workerBatches: 0 });
    await pool.close();
  });
});

describe('key set cache', () => {
  it('turns a PinnedKeySet back into the same keys, in a stable order', async () => {
    const keySet = PinnedKeySet.fromKeys([...keys].reverse());
    const listed = pinnedRecordKeys(keySet);
    expect(listed).toHaveLength(2);
    expect(keyListFingerprint(listed)).toBe(
      keyListFingerprint(pinnedRecordKeys(PinnedKeySet.fromKeys(keys))),
    );
    expect([...listed].sort((a, b) => a.member.localeCompare(b.member))).toEqual(keys);
    expect(await shared.verify(batch.slice(0, 300), listed)).toEqual(expected.slice(0, 300));
  });

  it('carries a revocation to the workers, as another key set than the same keys unrevoked', async () => {
    const revoked = keys.map((k) => (k.member === 'DE' ? { ...k, revokedSince: '2026-01-01T00:00:00Z' } : k));
    expect(keyListFingerprint(revoked)).not.toBe(keyListFingerprint(keys));
    const revokedSet = PinnedKeySet.fromKeys(revoked);
    expect(pinnedRecordKeys(revokedSet)).toEqual(expect.arrayContaining(revoked));
    const slice = batch.slice(0, 600);
    expect(await shared.verify(slice, keys)).toEqual(expected.slice(0, 600));
    const before = shared.stats().workerBatches;
    const results = await shared.verify(slice, pinnedRecordKeys(revokedSet));
    expect(shared.stats().workerBatches).toBe(before + 1);
    expect(results).toEqual(slice.map((jws) => verifyRecord(jws, revokedSet.resolve)));
    expect(codes(results).key_revoked).toBeGreaterThan(0);
    expect(codes(results).ok).toBeLessThan(codes(expected.slice(0, 600)).ok ?? 0);
  });

  it('builds a key set once per fingerprint', () => {
    const cache = new KeySetCache();
    const fingerprint = keyListFingerprint(keys);
    const first = cache.get(fingerprint, keys);
    expect(cache.get(keyListFingerprint(keys.map((k) => ({ ...k }))), keys)).toBe(first);
    expect(keyListFingerprint(keys.slice(0, 1))).not.toBe(fingerprint);
    expect(keyListFingerprint([...keys].reverse())).not.toBe(fingerprint);
    expect(cache.get(keyListFingerprint(keys.slice(0, 1)), keys.slice(0, 1))).not.toBe(first);
  });
});

describe('idle pool and process exit', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'verify-pool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs a script that verifies 100 records on a worker and never calls close(): it must exit by itself. */
  function runUnclosed(modules: string, extension: 'mts' | 'mjs', nodeArgs: string[]) {
    const script = join(dir, `unclosed.${extension}`);
    writeFileSync(
      script,
      `import { createVerifyPool } from '${modules}/api/ingest/verify-pool.js';
import { generateKeyPair, publicJwk } from '${modules}/sdk/keys/index.js';
import { newNonce, signRecord } from '${modules}/sdk/record/index.js';
const key = generateKeyPair();
const record = () => ({ type: 'retraction', author: 'DE', createdAt: '2026-01-01T00:00:00Z', nonce: newNonce(),
  retracts: 'a'.repeat(64), reason: 'x', tlp: 'TLP:GREEN' });
const jwsList = Array.from({ length: 100 }, () => signRecord(record(), key).jws);
const pool = createVerifyPool({ size: 1 });
const results = await pool.verify(jwsList, [{ member: 'DE', jwk: publicJwk(key.publicKey) }]);
console.log(JSON.stringify({ ok: results.filter((r) => r.ok).length, threads: Object.keys(pool.stats().chunksByThread).length }));
`,
    );
    return spawnSync(process.execPath, [...nodeArgs, script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 45_000,
    });
  }

  it('from TypeScript source under tsx', () => {
    const tsx = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
    const run = runUnclosed(root.replace(/\/$/, ''), 'mts', ['--import', tsx]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ok: 100, threads: 1 });
  });

  const dist = join(root, 'dist/api/ingest/verify-pool.js');
  it.skipIf(!existsSync(dist))('from compiled dist/ (npm test builds it first)', () => {
    const run = runUnclosed(join(root, 'dist'), 'mjs', []);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ok: 100, threads: 1 });
  });
});
