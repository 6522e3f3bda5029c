// npm run bench:log: the verifiable log at 1M leaves. Builds the log through the node's own append path
// (appendLeaves, one transaction per batch, as ingest does), times it against a same-run SHA-256 ceiling,
// then times random inclusion and consistency proofs through the real routes and the functions they call.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createApp } from '../api/app.js';
import { createApiToken } from '../api/auth/api-tokens.js';
import { attachPglite } from '../api/db/open-pglite.js';
import { appendLeaves } from '../api/log/append.js';
import { currentCheckpoint } from '../api/log/checkpoint.js';
import { encodeLeaf, type LogLeaf } from '../api/log/leaf.js';
import { consistencyProof, inclusionProof } from '../api/log/proofs.js';
import { fromStoredNodes } from '../api/log/stored-hashes.js';
import { openNode } from '../api/node/open-node.js';
import logRoutes from '../api/routes/log/index.js';
import type { ConsistencyProof, InclusionProof } from '../schemas/api/log.js';
import { rootPlan, verifyConsistency, verifyInclusion } from '../sdk/log/index.js';
import { describeMachine } from './support/machine.js';
import { createRandom } from './support/prng.js';
import { percentile } from './support/timing.js';

const usage = `usage: npm run bench:log -- [--leaves N] [--batch N] [--proofs N] [--pglite]
  --leaves N   log size to build (default 1000000)
  --batch N    leaves per appendLeaves transaction (default 10000; at most 20000: one INSERT holds them all)
  --proofs N   timed proofs of each kind (default 1000)
  --pglite     in-memory PGlite instead of PostgreSQL (BENCH_DATABASE_URL, default 127.0.0.1:5432)`;

const { values } = parseArgs({
  options: {
    leaves: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '10000' },
    proofs: { type: 'string', default: '1000' },
    pglite: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const leafCount = positive(values.leaves, 'leaves');
const batchSize = Math.min(positive(values.batch, 'batch'), 20_000);
const proofCount = positive(values.proofs, 'proofs');
const goalP99Ms = 10;

const scratch = values.pglite ? await pgliteScratch() : await postgresScratch(process.env.BENCH_DATABASE_URL);
const dataDir = mkdtempSync(join(tmpdir(), 'sightline-bench-log-'));
const ctx = await openNode({ member: 'DE', dataDir, ...scratch.target });
try {
  console.log(describeMachine());
  console.log(`database: ${scratch.description}`);
  const build = await buildLog();
  console.log(`\nappend: ${leafCount} leaves in batches of ${batchSize} through appendLeaves`);
  console.log(`  ${rate(leafCount, build.appendMs)} leaves/s (${(build.appendMs / 1000).toFixed(1)} s)`);
  console.log(
    `  SHA-256 ceiling, same leaves, 2 hashes each: ${rate(leafCount, build.hashMs)} leaves/s -> append runs at ${((100 * build.hashMs) / build.appendMs).toFixed(2)}% of it`,
  );
  const signStart = performance.now();
  const checkpoint = await currentCheckpoint(ctx);
  console.log(
    `  checkpoint of size ${checkpoint.size} signed in ${(performance.now() - signStart).toFixed(1)} ms`,
  );
  // Proofs are timed on a log at rest: right after a million-row bulk load the server is still writing it
  // out (checkpointer, autovacuum), which a running node meets once, not on every request.
  await ctx.db.execute(sql`vacuum analyze log_nodes, log_leaves`);
  if (!values.pglite) await ctx.db.execute(sql`checkpoint`);
  await timeProofs();
} finally {
  await ctx.close();
  await scratch.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

async function buildLog(): Promise<{ appendMs: number; hashMs: number }> {
  let appendMs = 0;
  let hashMs = 0;
  const at = new Date().toISOString();
  for (let done = 0; done < leafCount; done += batchSize) {
    const leaves: LogLeaf[] = Array.from({ length: Math.min(batchSize, leafCount - done) }, () => ({
      type: 'record',
      id: randomBytes(32).toString('hex'),
      author: 'FR',
      from: 'NL',
      at,
    }));
    const bytes = leaves.map((leaf) => Buffer.from(encodeLeaf(leaf), 'utf8'));
    const hashStart = performance.now();
    for (const leaf of bytes) {
      createHash('sha256').update(leaf).digest();
      createHash('sha256').update(leaf).digest();
    }
    hashMs += performance.now() - hashStart;
    const start = performance.now();
    await ctx.db.transaction((tx) => appendLeaves(tx, leaves));
    appendMs += performance.now() - start;
    if ((done / batchSize) % 10 === 9) process.stdout.write(`\r  appended ${done + leaves.length}`);
  }
  process.stdout.write('\n');
  return { appendMs, hashMs };
}

async function timeProofs(): Promise<void> {
  const app = createApp(ctx);
  if (!app.routes.some((route) => route.path === '/fed/v1/log/checkpoint')) logRoutes(app, ctx);
  const headers = { authorization: `Bearer ${(await createApiToken(ctx.db, 'reader')).secret}` };
  const random = createRandom(20240601);
  const n = leafCount;
  const inclusions = Array.from({ length: proofCount }, () => {
    const size = random.between(1, n);
    return { index: random.int(size), size };
  });
  const consistencies = Array.from({ length: proofCount }, () => {
    const to = random.between(1, n);
    return { from: random.between(1, to), to };
  });
  const get = async <T>(path: string): Promise<T> => {
    const res = await app.request(path, { headers });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  console.log(`\nproofs at ${n} leaves: ${proofCount} random (index, size) and (from, to) pairs each`);
  const routeInclusion = await timeEach(inclusions, ({ index, size }) =>
    get<InclusionProof>(`/fed/v1/log/proof/inclusion?index=${index}&size=${size}`),
  );
  const routeConsistency = await timeEach(consistencies, ({ from, to }) =>
    get<ConsistencyProof>(`/fed/v1/log/proof/consistency?from=${from}&to=${to}`),
  );
  const bareInclusion = await timeEach(inclusions, ({ index, size }) =>
    inclusionProof(ctx.db, BigInt(index), BigInt(size)),
  );
  const bareConsistency = await timeEach(consistencies, ({ from, to }) =>
    consistencyProof(ctx.db, BigInt(from), BigInt(to)),
  );
  report('inclusion, GET route (reader token)', routeInclusion.ms);
  report('consistency, GET route (reader token)', routeConsistency.ms);
  report('inclusionProof() (the function the route calls)', bareInclusion.ms);
  report('consistencyProof() (the function the route calls)', bareConsistency.ms);

  // Not timed: every served proof must verify against the root of its tree size.
  const rootOf = async (size: number) => (await fromStoredNodes(ctx.db, [rootPlan(size)] as const))[0];
  let verified = 0;
  for (const [i, { index, size }] of inclusions.entries()) {
    const served = routeInclusion.results[i] as InclusionProof;
    const proof = served.hashes.map((hash) => Buffer.from(hash, 'base64'));
    const leaf = Buffer.from(served.leaf, 'base64');
    if (verifyInclusion({ leaf, index, size, proof, root: await rootOf(size) })) verified++;
  }
  for (const [i, { from, to }] of consistencies.entries()) {
    const proof = (routeConsistency.results[i] as ConsistencyProof).hashes.map((h) =>
      Buffer.from(h, 'base64'),
    );
    if (verifyConsistency({ from, to, proof, oldRoot: await rootOf(from), newRoot: await rootOf(to) }))
      verified++;
  }
  console.log(`  verified: ${verified} of ${2 * proofCount} served proofs`);
  if (verified !== 2 * proofCount) process.exitCode = 1;
}

async function timeEach<C, R>(
  cases: readonly C[],
  run: (c: C) => Promise<R>,
): Promise<{ ms: number[]; results: R[] }> {
  for (const c of cases.slice(0, 50)) await run(c);
  const ms: number[] = [];
  const results: R[] = [];
  for (const c of cases) {
    const start = performance.now();
    results.push(await run(c));
    ms.push(performance.now() - start);
  }
  return { ms, results };
}

function report(what: string, ms: readonly number[]): void {
  const p50 = percentile(ms, 50);
  const p99 = percentile(ms, 99);
  const verdict = p99 < goalP99Ms ? 'ok' : 'OVER GOAL';
  console.log(
    `  ${what.padEnd(52)} p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  max ${Math.max(...ms).toFixed(2)} ms  [p99 goal < ${goalP99Ms} ms: ${verdict}]`,
  );
}

/** A `sightline_bench_log_<random>` database on the local cluster (or BENCH_DATABASE_URL's server). */
async function postgresScratch(serverUrl = 'postgres://postgres@127.0.0.1:5432/postgres') {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const name = `sightline_bench_log_${randomBytes(4).toString('hex')}`;
  const [row] = await admin<{ server_version: string }[]>`show server_version`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { databaseUrl: url.href },
    description: `PostgreSQL ${row?.server_version ?? '?'}, database ${name}`,
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

async function pgliteScratch() {
  const client = new PGlite();
  const [row] = (await client.query<{ server_version: string }>('show server_version')).rows;
  return {
    target: { database: await attachPglite(client) },
    description: `PGlite ${row?.server_version ?? ''} in memory`,
    drop: async () => {},
  };
}

function rate(count: number, ms: number): string {
  return Math.round((count * 1000) / ms).toLocaleString('en-US');
}

function positive(value: string | undefined, name: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1)
    throw new Error(`--${name} must be a positive integer\n${usage}`);
  return parsed;
}
