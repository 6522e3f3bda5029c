import { parseArgs } from 'node:util';
import { defaultVerifyPoolSize } from '../../api/ingest/verify-pool.js';
import { intOption } from './int-option.js';

export interface QueryBenchOptions {
  records: number;
  pglite: boolean;
  runs: number;
  warmup: number;
  seed: number;
  explain: boolean;
  keep: boolean;
  verifyWorkers: number;
}

const usage = `usage: npm run bench -- [--records N] [--pglite] [--runs N] [--warmup N] [--seed N] [--explain] [--keep]
                         [--verify-workers N]
  --records N   observations to sign and load (default 100000)
  --pglite      in-memory PGlite instead of PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432)
  --runs N      timed runs per filter (default 60)
  --warmup N    untimed runs per filter first (default 5)
  --seed N      data seed (default 20230703)
  --explain     print EXPLAIN ANALYZE of every filter whose p95 is over the goal
  --keep        leave the PostgreSQL bench database in place and print its URL
  --verify-workers N  verify threads while loading, as \`sightline start\` runs them (default: one per core; 0 = inline)`;

const positiveInt = (name: string, value: string | undefined, fallback: number, min = 1) =>
  intOption(name, value, fallback, usage, min);

/** The query benchmark's command line; `--help` prints usage and exits. */
export function parseQueryBenchArgs(argv: string[]): QueryBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: 'string' },
      pglite: { type: 'boolean', default: false },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      seed: { type: 'string' },
      explain: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'verify-workers': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return {
    records: positiveInt('records', values.records, 100_000),
    pglite: values.pglite ?? false,
    runs: positiveInt('runs', values.runs, 60),
    warmup: positiveInt('warmup', values.warmup, 5, 0),
    seed: positiveInt('seed', values.seed, 20230703, 0),
    explain: values.explain ?? false,
    keep: values.keep ?? false,
    verifyWorkers: positiveInt('verify-workers', values['verify-workers'], defaultVerifyPoolSize(), 0),
  };
}
