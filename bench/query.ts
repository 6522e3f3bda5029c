// Query benchmark (issue 2, item 12): sign N observations, bulk-load them through the ingest path, then time
// every filter of GET /v1/observations through listRecords. Goal: p95 under 50 ms on PostgreSQL at 100k.
// Run: npm run bench [-- --records 20000 --pglite --explain]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openNode } from '../api/node/open-node.js';
import { parseQueryBenchArgs } from './support/args.js';
import {
  createPgliteScratch,
  createPostgresScratch,
  type ScratchDatabase,
} from './support/bench-database.js';
import { benchCreatedAt } from './support/created-at.js';
import { explainList } from './support/explain.js';
import { ingestInBatches, withVerifyPool } from './support/load.js';
import { describeLoad, describeMachine } from './support/machine.js';
import { generateObservationBodies } from './support/observation-bodies.js';
import { createRandom } from './support/prng.js';
import { queryCases } from './support/query-cases.js';
import { timeCases } from './support/run-cases.js';
import { bareSigningRate, signObservations } from './support/signing.js';
import { renderTable } from './support/table.js';
import { elapsedMs, perSecond } from './support/timing.js';

const goalMs = 50;
const batchSize = 1_000;
const member = 'DE';

const options = parseQueryBenchArgs(process.argv.slice(2));
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
const log = (line: string) => console.log(line);
const verifiers = (workers: number) => (workers > 0 ? `${workers} verify workers` : 'verifying inline');

log(describeMachine());
log(describeLoad());
log(
  `records: ${options.records.toLocaleString('en-US')}, ${options.runs} timed runs per filter after ${options.warmup} warm-up, seed ${options.seed}`,
);

const dataDir = mkdtempSync(join(tmpdir(), 'sightline-bench-'));
let scratch: ScratchDatabase | undefined;
let closeNode: (() => Promise<void>) | undefined;

async function cleanUp() {
  await closeNode?.().catch(() => {});
  closeNode = undefined;
  await scratch
    ?.finish(options.keep)
    .catch((error) => console.error(`could not drop the bench database: ${error}`));
  rmSync(dataDir, { recursive: true, force: true });
}

process.once('SIGINT', () => {
  log('\ninterrupted: dropping the bench database');
  void cleanUp().finally(() => process.exit(130));
});

try {
  let bodies = [] as ReturnType<typeof generateObservationBodies>;
  const generateMs = elapsedMs(() => {
    bodies = generateObservationBodies(options.records, options.seed);
  });
  log(
    `generated and schema-checked ${bodies.length.toLocaleString('en-US')} bodies in ${(generateMs / 1000).toFixed(1)} s`,
  );

  scratch = options.pglite
    ? await createPgliteScratch()
    : await createPostgresScratch(process.env.BENCH_DATABASE_URL);
  log(`database: ${scratch.description}`);
  const node = await openNode({ member, dataDir, ...scratch.target });
  closeNode = node.close;
  const key = node.keys.record;

  const signed = signObservations(bodies, member, key, benchCreatedAt);
  const signRate = perSecond(signed.jwsList.length, signed.ms);
  const ceiling = bareSigningRate(signed.jwsList, key);
  const meanJws = signed.jwsList.reduce((sum, jws) => sum + jws.length, 0) / signed.jwsList.length;
  log(`\nsigning (one core, mean JWS ${Math.round(meanJws)} chars)`);
  log(`  bare Ed25519 ceiling (node:crypto sign): ${rate(ceiling)}`);
  log(
    `  signRecord (schema, JCS, sign):          ${rate(signRate)}  = ${(signRate / ceiling).toFixed(2)} of the ceiling`,
  );

  const loadMs = await withVerifyPool(node, options.verifyWorkers, (verifying) =>
    ingestInBatches(verifying, signed.jwsList, batchSize, (loaded) => {
      if (loaded % 20_000 === 0) log(`  loaded ${loaded.toLocaleString('en-US')}`);
    }),
  );
  const loadRate = perSecond(signed.jwsList.length, loadMs);
  log(
    `load through ingestRecords, batches of ${batchSize}, ${verifiers(options.verifyWorkers)}: ${rate(loadRate)} (${(loadMs / 1000).toFixed(1)} s) = ${(loadRate / ceiling).toFixed(2)} of the signing ceiling`,
  );
  signed.jwsList.length = 0;

  // Planner statistics and the visibility map (index-only scans): autovacuum keeps both on a live PostgreSQL
  // node, not yet right after a bulk load; PGlite has no autovacuum at all.
  await node.db.execute(sql`vacuum analyze`);

  const cases = queryCases({ bodies, member, random: createRandom(options.seed + 1), variants: 20 });
  log(`\n${describeLoad()}`);
  const timings = await timeCases(node.db, cases, options.runs, options.warmup);
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  log(
    `\nfilters of GET /v1/observations through listRecords (limit 50 unless stated), flag: p95 > ${goalMs} ms`,
  );
  log(
    renderTable(
      ['filter', 'p50', 'p95', 'max', 'db p50', 'items/page', ''],
      timings.map((t) => [
        t.name,
        fmt(t.p50),
        fmt(t.p95),
        fmt(t.max),
        fmt(t.dbP50),
        t.meanItems.toFixed(1),
        t.p95 > goalMs ? 'SLOW' : '',
      ]),
    ),
  );
  const slow = timings.filter((t) => t.p95 > goalMs);
  log(
    slow.length === 0
      ? `\nall ${timings.length} filters: p95 under ${goalMs} ms`
      : `\n${slow.length} of ${timings.length} filters over ${goalMs} ms at p95`,
  );
  if (options.explain) {
    for (const t of slow)
      log(`\n--- ${t.name}: ${JSON.stringify(t.slowest)}\n${await explainList(node.db, t.slowest)}`);
  }
} finally {
  await cleanUp();
}
