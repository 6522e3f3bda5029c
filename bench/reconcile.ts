// Reconciliation throughput: 100k observations from 10 members about 1,000 measures, compared with the cost
// of merely JSON.parse-ing the same records (VerifiedRecord objects; the jws string is left out). CPU time is
// printed beside wall time because the machine may be shared. Run: npm run bench:reconcile
// It times the SDK as built (dist/, what a member installs), not the sources through tsx: tsx keeps function
// names by calling a helper on every closure it creates, a quarter of the time here that no consumer pays.
import { createHash } from 'node:crypto';
import { tradeFlowSchema } from '../schemas/observation/trade-flow.js';
import type { RecordVerification } from '../sdk/record/types.js';

const builtReconcile = '../dist/sdk/reconcile/index.js';
const { reconcile } = (await import(builtReconcile)) as typeof import('../sdk/reconcile/index.js');

const OBSERVATIONS = 100_000;
const RETRACTIONS = 1_000;
const MEMBERS = ['AT', 'BE', 'DE', 'DK', 'FI', 'FR', 'IT', 'JP', 'NL', 'SE'];
const MEASURES = 1_000;
const DESTINATIONS = [
  'US',
  'JP',
  'NL',
  'DE',
  'FR',
  'SE',
  'HU',
  'KR',
  'GB',
  'IT',
  'PL',
  'CZ',
  'ES',
  'BE',
  'AU',
];
const ROLES = ['destination', 'destination', 'destination', 'targeted', 'comparator', 'excluded', 'context'];
const CHANGES = tradeFlowSchema.shape.change.options;
const LICENSE_OUTCOMES = ['granted', 'denied', 'delayed', 'delayed_suspected', 'conditioned'];
const RUNS = 3;

/** mulberry32: a small deterministic PRNG, so every run benchmarks the same data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20231023);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const int = (max: number) => Math.floor(random() * max);
const pad = (value: number, width: number) => String(value).padStart(width, '0');

function measureKey(index: number) {
  return index % 4 === 0 ? `PROV-CN-BENCH-${index}` : `MOFCOM-GAC-${2000 + (index % 25)}-${index}`;
}

function hsCodes(measure: number): string[] {
  const chapter = 25 + (measure % 60);
  return [0, 1, 2, 3].map((n) => `${chapter}${pad((measure * 7 + n * 13) % 100, 2)}${pad(10 + n * 10, 2)}`);
}

function partialDate() {
  const year = 2018 + int(7);
  const shape = int(3);
  if (shape === 0) return { value: String(year), precision: 'year' };
  const month = 1 + int(12);
  if (shape === 1) return { value: `${year}-${pad(month, 2)}`, precision: 'month' };
  return { value: `${year}-${pad(month, 2)}-${pad(1 + int(28), 2)}`, precision: 'day' };
}

type Scenario = 'consistent' | 'noisy';

const ADVERSE_CHANGES = ['to_zero', 'decrease', 'spike_then_drop'];
const FAVOURABLE_CHANGES = ['increase', 'no_change', 'resumed', 'recovered_partially'];
const ADVERSE_LICENSES = ['denied', 'delayed', 'delayed_suspected'];

/** Destinations a measure singles out (none for half the measures), fixed per measure. */
function targetsOf(measure: number): string[] {
  if (measure % 2 === 0) return [];
  return DESTINATIONS.filter((_, index) => (index * 7 + measure) % DESTINATIONS.length < 1 + (measure % 3));
}

/**
 * `consistent`: members mostly agree (each measure hurts its targets and leaves others alone; 3% of reports
 * are wrong). `noisy`: every outcome and role is drawn at random, the worst case for findings.
 */
function outcomeFor(scenario: Scenario, measure: number) {
  const isTrade = random() < 0.7;
  if (scenario === 'noisy') {
    const jurisdictions = new Map<string, string>();
    for (let n = 1 + int(3); n > 0; n--) jurisdictions.set(pick(DESTINATIONS), pick(ROLES));
    return {
      isTrade,
      change: pick(CHANGES),
      license: pick(LICENSE_OUTCOMES),
      jurisdictions: [...jurisdictions],
    };
  }
  const targets = targetsOf(measure);
  const aboutTargets = targets.length > 0 && random() < 0.5;
  const pool = aboutTargets ? targets : DESTINATIONS.filter((code) => !targets.includes(code));
  const adverse = aboutTargets !== random() < 0.03;
  const jurisdictions = new Map<string, string>();
  for (let n = 1 + int(2); n > 0; n--)
    jurisdictions.set(pick(pool), pick(['destination', 'destination', 'targeted']));
  if (aboutTargets && random() < 0.3)
    jurisdictions.set(pick(DESTINATIONS.filter((c) => !targets.includes(c))), 'comparator');
  return {
    isTrade,
    change: pick(adverse ? ADVERSE_CHANGES : FAVOURABLE_CHANGES),
    license: adverse ? pick(ADVERSE_LICENSES) : 'granted',
    jurisdictions: [...jurisdictions],
  };
}

function body(scenario: Scenario, measure: number) {
  const codes = hsCodes(measure);
  const items = [{ scheme: 'HS', code: pick(codes), hsVersion: 'HS2022' }];
  if (random() < 0.3) items.push({ scheme: 'HS', code: pick(codes), hsVersion: 'HS2022' });
  const outcome = outcomeFor(scenario, measure);
  const from = partialDate();
  const dates: Record<string, unknown> = { observedFrom: from };
  if (random() < 0.5)
    dates.observedTo = { value: `${Number(from.value.slice(0, 4)) + int(3)}`, precision: 'year' };
  const refs = [measure, ...(random() < 0.1 ? [(measure + 1) % MEASURES] : [])].map((index) => ({
    measureKey: measureKey(index),
    keyType: index % 4 === 0 ? 'provisional' : 'official_document',
    title: `Measure ${index}`,
    issuingAuthorities: ['MOFCOM', 'GAC'],
    implementingJurisdiction: 'CN',
    instrument: random() < 0.97 ? 'dual_use_export_control' : 'export_quota',
    legalBasis: ['CN_EXPORT_CONTROL_LAW'],
    status: random() < 0.97 ? 'in_force' : 'revoked',
  }));
  return {
    measureRefs: refs,
    observation: outcome.isTrade
      ? {
          kind: 'export_volume_change',
          summary: 'Exports changed.',
          tradeFlow: { flow: 'export', change: outcome.change, metric: 'volume' },
        }
      : {
          kind: 'license_delayed',
          summary: 'Licence outcome.',
          license: { outcome: outcome.license, basis: 'company_report' },
        },
    items,
    affectedJurisdictions: outcome.jurisdictions.map(([code, role]) => ({ code, role })),
    dates,
    confidence: 'medium',
    tlp: 'TLP:GREEN',
    evidence: [
      { sourceType: 'trade_statistics', title: 'Customs statistics', url: 'https://example.org/stats' },
    ],
  };
}

function wrap(record: Record<string, unknown>): RecordVerification {
  const id = createHash('sha256').update(JSON.stringify(record)).digest('hex');
  const author = record.author as string;
  return { ok: true, id, author, kid: `${author}-1`, record: record as never, jws: 'omitted' };
}

function generate(scenario: Scenario): RecordVerification[] {
  const records: RecordVerification[] = [];
  const byAuthor = new Map<string, RecordVerification[]>();
  for (let index = 0; index < OBSERVATIONS; index++) {
    const author = pick(MEMBERS);
    const record: Record<string, unknown> = {
      type: 'observation',
      author,
      createdAt: `2026-${pad(1 + (index % 12), 2)}-${pad(1 + (index % 28), 2)}T00:00:${pad(index % 60, 2)}Z`,
      nonce: createHash('sha256').update(String(index)).digest('base64url').slice(0, 22),
      ...body(scenario, int(MEASURES)),
    };
    const earlier = byAuthor.get(author) ?? [];
    if (earlier.length > 0 && random() < 0.05)
      record.supersedes = (earlier[int(earlier.length)] as { id: string }).id;
    const entry = wrap(record);
    earlier.push(entry);
    byAuthor.set(author, earlier);
    records.push(entry);
  }
  for (let index = 0; index < RETRACTIONS; index++) {
    const target = records[int(OBSERVATIONS)] as { id: string; author: string };
    records.push(
      wrap({
        type: 'retraction',
        author: target.author,
        createdAt: '2026-12-31T00:00:00Z',
        nonce: createHash('sha256').update(`r${index}`).digest('base64url').slice(0, 22),
        retracts: target.id,
        reason: 'bench',
        tlp: 'TLP:GREEN',
      }),
    );
  }
  return records;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** A full collection before each timed call, so neither call pays for the garbage of the one before. */
function collectGarbage(): void {
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:reconcile does)');
  gc();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function cpuMillis(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function time<T>(run: () => T): { wall: number; cpu: number; result: T } {
  collectGarbage();
  const cpuStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = run();
  return { wall: Number(process.hrtime.bigint() - started) / 1e6, cpu: cpuMillis(cpuStart), result };
}

function summarize(result: ReturnType<typeof reconcile>): string {
  const { measures, superseded, retracted, forks } = result;
  const count = (list: (m: (typeof measures)[number]) => unknown[]) =>
    measures.reduce((sum, m) => sum + list(m).length, 0);
  return (
    `${measures.length} measures, ${count((m) => m.claims)} claims, ${count((m) => m.corroborated)} corroborations, ` +
    `${count((m) => m.conflicts)} conflicts, ${count((m) => m.differentials)} differentials, ` +
    `${superseded.length} superseded, ${retracted.length} retracted, ${forks.length} forks, ` +
    `${count((m) => m.truncated)} truncated buckets`
  );
}

function benchmark(scenario: Scenario): void {
  const serialized = JSON.stringify(generate(scenario));
  const parse = { wall: [] as number[], cpu: [] as number[] };
  const run = { wall: [] as number[], cpu: [] as number[] };
  let first = 0;
  let summary = '';
  // One more call than is timed: the process's first call also pays for compiling the code (in the first
  // scenario), which a member reconciling again and again pays once. It is printed, not hidden.
  for (let round = 0; round <= RUNS; round++) {
    const parsed = time(() => JSON.parse(serialized) as RecordVerification[]);
    const reconciled = time(() => reconcile(parsed.result));
    summary = summarize(reconciled.result);
    if (round === 0) {
      first = reconciled.wall;
      continue;
    }
    parse.wall.push(parsed.wall);
    parse.cpu.push(parsed.cpu);
    run.wall.push(reconciled.wall);
    run.cpu.push(reconciled.cpu);
  }
  const [parseWall, parseCpu, runWall, runCpu] = [parse.wall, parse.cpu, run.wall, run.cpu].map(median) as [
    number,
    number,
    number,
    number,
  ];
  console.log(
    `\n[${scenario}] ${OBSERVATIONS} observations + ${RETRACTIONS} retractions, ${MEMBERS.length} members, ${MEASURES} measures, ${(serialized.length / 1e6).toFixed(1)} MB JSON`,
  );
  console.log(`  ${summary}`);
  console.log(
    `  JSON.parse median of ${RUNS}: ${parseWall.toFixed(0)} ms wall, ${parseCpu.toFixed(0)} ms CPU`,
  );
  console.log(
    `  reconcile  median of ${RUNS}: ${runWall.toFixed(0)} ms wall, ${runCpu.toFixed(0)} ms CPU (the call before them: ${first.toFixed(0)} ms wall)`,
  );
  console.log(
    `  ratio reconcile / parse: ${(runWall / parseWall).toFixed(2)} wall, ${(runCpu / parseCpu).toFixed(2)} CPU`,
  );
}

benchmark('consistent');
benchmark('noisy');
