// Sync benchmark (issue 3, item 11): node A holds N signed records on PostgreSQL; node B, empty on a
// PostgreSQL database of its own, pulls everything over HTTP. Reports B's records/s against the single-core
// node:crypto Ed25519 verify rate of the same records, the time of a sync that finds nothing new, and B's
// peak RSS, each against its goal. Both nodes run as real processes from dist/ (npm run bench:sync builds).
// Run: npm run bench:sync [-- --records 20000 --profile]
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeApi } from '../scripts/demo/http.js';
import {
  initNode,
  projectRoot,
  type RunningNode,
  readInitialToken,
  startNode,
} from '../scripts/demo/node-process.js';
import { freePorts } from '../scripts/demo/ports.js';
import { describeMachine } from './support/machine.js';
import { parseSyncBenchArgs } from './sync/args.js';
import { loadNodeA } from './sync/load.js';
import { cpuLines, measuredPull } from './sync/measured-pull.js';
import { createScratchPostgres, type ScratchPostgres } from './sync/postgres-scratch.js';
import { memoryMiB } from './sync/proc-stats.js';
import { profileSummary } from './sync/profile.js';
import { noopSyncMs } from './sync/pull.js';
import { resultLines } from './sync/report.js';

const A = 'DE';
const B = 'FR';

const options = parseSyncBenchArgs(process.argv.slice(2));
const log = (line = '') => console.log(line);
const int = (n: number) => Math.round(n).toLocaleString('en-US');

const workDir = mkdtempSync(join(tmpdir(), 'sightline-bench-sync-'));
const folder = (member: string) => join(workDir, member);
const databases: ScratchPostgres[] = [];
const nodes: RunningNode[] = [];

/** SIGTERM and wait: a node run with --cpu-prof writes its profile as it exits. */
const stopNodes = () => Promise.all(nodes.splice(0).map((node) => node.stop()));

async function cleanUp() {
  await stopNodes();
  // BENCH_KEEP_DATABASES=1 leaves them for inspection (psql; drop them by hand afterwards).
  if (process.env.BENCH_KEEP_DATABASES)
    for (const db of databases.splice(0)) {
      log(`kept ${db.url}`);
      await db.keep();
    }
  else
    for (const db of databases.splice(0))
      await db.drop().catch((error: Error) => console.error(`could not drop a bench database: ${error}`));
  rmSync(workDir, { recursive: true, force: true });
}
process.once('SIGINT', () => {
  log('\ninterrupted: stopping the nodes and dropping the bench databases');
  void cleanUp().finally(() => process.exit(130));
});

async function startMember(member: string, port: number, federationFile: string, databaseUrl: string) {
  const profileDir = join(workDir, `profile-${member}`);
  if (options.profile) mkdirSync(profileDir);
  const node = await startNode({
    member,
    dataDir: folder(member),
    databaseUrl,
    port,
    federationFile,
    syncIntervalSec: 0,
    logFile: join(workDir, `${member}.log`),
    nodeArgs: [...options.nodeArgs, ...(options.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])],
  });
  nodes.push(node);
  return node;
}

try {
  log(describeMachine());
  for (let i = 0; i < 2; i++) databases.push(await createScratchPostgres(process.env.BENCH_DATABASE_URL));
  const [urlA, urlB] = databases.map((db) => db.url) as [string, string];
  log(`databases: ${databases.map((db) => db.description).join('; ')}`);
  const identities = await Promise.all([
    initNode({ member: A, dataDir: folder(A), databaseUrl: urlA }),
    initNode({ member: B, dataDir: folder(B), databaseUrl: urlB }),
  ]);

  log(`\nnode A (${A}): ${int(options.records)} records, loaded directly (no HTTP)`);
  const loaded = await loadNodeA({
    member: A,
    receiver: B,
    dataDir: folder(A),
    databaseUrl: urlA,
    records: options.records,
    seed: options.seed,
    log,
  });

  const [portA, portB] = (await freePorts([0, 0])) as [number, number];
  const federationFile = join(workDir, 'federation.json');
  const urls: Record<string, string> = { [A]: `http://127.0.0.1:${portA}`, [B]: `http://127.0.0.1:${portB}` };
  const members = identities.map((identity) => ({ ...identity, url: urls[identity.id] }));
  writeFileSync(federationFile, JSON.stringify({ members }));
  const nodeA = await startMember(A, portA, federationFile, urlA);
  const nodeB = await startMember(B, portB, federationFile, urlB);
  const apiB: NodeApi = { url: nodeB.url, token: readInitialToken(folder(B)) as string };
  const startedMiB = memoryMiB(nodeB.pid).current;

  log(`\nnode B (${B}) pulls everything from A over HTTP (POST /v1/peers/${A}/sync)`);
  let reported = 0;
  const [databaseA, databaseB] = databases as [ScratchPostgres, ScratchPostgres];
  const pull = await measuredPull(
    { node: nodeA, database: databaseA },
    { node: nodeB, database: databaseB, api: apiB },
    (accepted) => {
      if (accepted - reported >= options.records / 5) {
        reported = accepted;
        log(`  ${int(accepted)} accepted`);
      }
    },
  );
  if (pull.errors.length) throw new Error(`the pull failed: ${pull.errors.join('; ')}`);
  if (pull.accepted !== loaded.records)
    throw new Error(`B accepted ${pull.accepted} of ${loaded.records} records (${pull.rejected} rejected)`);
  log(`  ${int(pull.accepted)} records in ${(pull.ms / 1000).toFixed(1)} s`);
  for (const line of cpuLines(pull)) log(`  ${line}`);

  const noop = await noopSyncMs(apiB, A, options.noopRuns);
  const memory = memoryMiB(nodeB.pid);
  await stopNodes();

  log('\nresults');
  const figures = {
    records: pull.accepted,
    pullMs: pull.ms,
    pullCpuSeconds: pull.cpu.b,
    ceiling: loaded.verifyCeiling,
    noop: { runs: options.noopRuns, ...noop },
    memoryMiB: { ...memory, started: startedMiB },
  };
  for (const line of resultLines(figures)) log(line);
  if (options.profile) {
    for (const member of [B, A]) {
      log(`\nCPU profile of ${member === B ? 'B' : 'A'} (${member}), where the CPU time went`);
      for (const line of profileSummary(join(workDir, `profile-${member}`))) log(`  ${line}`);
    }
    const kept = join(projectRoot, '.sightline', 'bench-sync-profiles');
    rmSync(kept, { recursive: true, force: true });
    for (const member of [B, A])
      cpSync(join(workDir, `profile-${member}`), join(kept, member), { recursive: true });
    log(`
profiles kept in ${kept} (open them in Chrome DevTools, Performance tab)`);
  }
} catch (error) {
  console.error(`\nbench failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
