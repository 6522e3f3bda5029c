// Record verification throughput on this machine: the Ed25519 ceiling (bare crypto.verify on one core), inline
// verifyRecord, and the worker pool at several sizes, fed 1,000-record pages as sync delivers them. Each figure
// is the best of ROUNDS passes (other processes share the cores). "main busy" is how long the calling thread
// itself works per 1,000 records (the time it has left for the database); "cpu" is the CPU time of all threads
// per 1,000 records, which other load on the machine hardly changes: pool cpu / inline cpu is the pool's overhead,
// and cores / that ratio is the speedup to expect on an otherwise idle machine.
// Run: npx tsx bench/verify.ts   (workers then load through tsx; dist/ workers run the same code)
import { createHash, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createVerifyPool, defaultVerifyPoolSize } from '../api/ingest/verify-pool.js';
import type { SignedRecord } from '../schemas/record.js';
import { generateKeyPair, PinnedKeySet, type PublicJwk, publicJwk } from '../sdk/keys/index.js';
import { newNonce, signRecord, verifyRecord } from '../sdk/record/index.js';

const PAGE = 1_000;
const ROUNDS = 3;
const POOL_SIZES = [1, 2, 3];

const authors = ['DE', 'FR', 'JP'].map((member) => ({ member, key: generateKeyPair() }));
const keys: Array<{ member: string; jwk: PublicJwk }> = authors.map(({ member, key }) => ({
  member,
  jwk: publicJwk(key.publicKey),
}));
const pinned = PinnedKeySet.fromKeys(keys);
const seedFile = new URL('../fixtures/seed-observations.json', import.meta.url);
const seedBodies = (JSON.parse(readFileSync(seedFile, 'utf8')) as Array<Record<string, unknown>>).map(
  ({ schemaVersion, recordId, reportingNode, createdAt, ...body }) => body,
);

interface Measurement {
  perSecond: number;
  /** Calling-thread busy milliseconds per 1,000 records. */
  mainBusyPerPage: number;
  /** CPU milliseconds of the whole process (all threads) per 1,000 records. */
  cpuPerPage: number;
}

function retraction(member: string, i: number): SignedRecord {
  const retracts = createHash('sha256').update(`bench-${i}`).digest('hex');
  const envelope = {
    type: 'retraction',
    author: member,
    createdAt: '2026-01-01T00:00:00Z',
    nonce: newNonce(),
  };
  return { ...envelope, retracts, reason: 'duplicate', tlp: 'TLP:GREEN' } as SignedRecord;
}

function observation(member: string, i: number): SignedRecord {
  const envelope = {
    type: 'observation',
    author: member,
    createdAt: '2026-01-01T00:00:00Z',
    nonce: newNonce(),
  };
  return { ...envelope, ...seedBodies[i % seedBodies.length] } as unknown as SignedRecord;
}

function signAll(count: number, make: (member: string, i: number) => SignedRecord): string[] {
  return Array.from({ length: count }, (_, i) => {
    const { member, key } = authors[i % authors.length] as (typeof authors)[number];
    return signRecord(make(member, i), key).jws;
  });
}

async function best(records: number, pass: () => unknown): Promise<Measurement> {
  let fastest: Measurement = { perSecond: 0, mainBusyPerPage: 0, cpuPerPage: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const utilization = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const start = performance.now();
    await pass();
    const ms = performance.now() - start;
    const { user, system } = process.cpuUsage(cpu);
    const { active } = performance.eventLoopUtilization(utilization);
    // Synchronous passes never yield, so the event loop does not see them as active.
    const busy = active > 0 ? active : ms;
    const perSecond = Math.round((records * 1000) / ms);
    if (perSecond > fastest.perSecond) {
      const cpuMs = (user + system) / 1000;
      fastest = { perSecond, mainBusyPerPage: (busy * PAGE) / records, cpuPerPage: (cpuMs * PAGE) / records };
    }
  }
  return fastest;
}

function bareInputs(jwsList: readonly string[]) {
  return jwsList.map((jws) => {
    const [header = '', payload = '', signature = ''] = jws.split('.');
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid: string };
    const publicKey = pinned.resolve(kid)?.publicKey;
    if (!publicKey) throw new Error('bench key missing');
    const data = Buffer.from(`${header}.${payload}`, 'latin1');
    return { data, signature: Buffer.from(signature, 'base64url'), publicKey };
  });
}

function line(label: string, m: Measurement, ratios: string): void {
  const rate = `${m.perSecond.toLocaleString('en')} rec/s`.padStart(14);
  const busy = `main busy ${m.mainBusyPerPage.toFixed(1).padStart(5)}`;
  const cpu = `cpu ${m.cpuPerPage.toFixed(1).padStart(5)} ms/1000`;
  console.log(`  ${label.padEnd(28)} ${rate}  ${busy}  ${cpu}  ${ratios}`);
}

async function bench(label: string, jwsList: readonly string[]): Promise<void> {
  console.log(`\n${label}: ${jwsList.length.toLocaleString('en')} records, pages of ${PAGE}`);
  const inputs = bareInputs(jwsList);
  const bare = await best(jwsList.length, () => {
    for (const { data, signature, publicKey } of inputs) {
      if (!verify(null, data, publicKey, signature)) throw new Error('bench signature failed');
    }
  });
  line('bare crypto.verify (1 core)', bare, '= ceiling');
  const inline = await best(jwsList.length, () => {
    for (const jws of jwsList)
      if (!verifyRecord(jws, pinned.resolve).ok) throw new Error('bench record failed');
  });
  line('inline verifyRecord', inline, `${(inline.perSecond / bare.perSecond).toFixed(2)} x ceiling`);
  for (const size of POOL_SIZES) {
    const pool = createVerifyPool({ size });
    const startAt = performance.now();
    await pool.verify(jwsList.slice(0, PAGE), keys); // starts the workers
    const startMs = performance.now() - startAt;
    const pooled = await best(jwsList.length, async () => {
      for (let i = 0; i < jwsList.length; i += PAGE) {
        const results = await pool.verify(jwsList.slice(i, i + PAGE), keys);
        if (!results.every((r) => r.ok)) throw new Error('bench record failed in the pool');
      }
    });
    await pool.close();
    const overhead = pooled.cpuPerPage / inline.cpuPerPage;
    const ratios =
      `${(pooled.perSecond / inline.perSecond).toFixed(2)} x inline, ` +
      `${(pooled.perSecond / bare.perSecond).toFixed(2)} x ceiling, cpu ${overhead.toFixed(2)} x inline`;
    line(`pool size ${size}`, pooled, `${ratios} (first page with worker start: ${startMs.toFixed(0)} ms)`);
  }
}

console.log(`availableParallelism ${availableParallelism()}, default pool size ${defaultVerifyPoolSize()}`);
await bench('retractions', signAll(20_000, retraction));
await bench('seed observations', signAll(5_000, observation));
