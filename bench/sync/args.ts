import { parseArgs } from 'node:util';
import { intOption } from '../support/int-option.js';

export interface SyncBenchOptions {
  records: number;
  seed: number;
  noopRuns: number;
  profile: boolean;
  /** Extra options for node itself when it runs A and B (e.g. --max-old-space-size=128). */
  nodeArgs: string[];
}

const usage = `usage: npm run bench:sync -- [--records N] [--noop-runs N] [--seed N] [--profile]
  --records N     signed records node A holds and node B pulls (default 100000)
  --noop-runs N   timed no-op syncs, the median is reported (default 11)
  --seed N        data seed (default 20230703)
  --profile       run both nodes under node --cpu-prof and print where their CPU time went
  --node-arg ARG  pass ARG to node when starting A and B (repeatable), e.g. --node-arg=--max-old-space-size=128
PostgreSQL server: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432); two databases are
created for the run and dropped at the end.`;

const positiveInt = (name: string, value: string | undefined, fallback: number, min = 1) =>
  intOption(name, value, fallback, usage, min);

/** The sync benchmark's command line; `--help` prints usage and exits. */
export function parseSyncBenchArgs(argv: string[]): SyncBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: 'string' },
      seed: { type: 'string' },
      'noop-runs': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'node-arg': { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return {
    records: positiveInt('records', values.records, 100_000),
    seed: positiveInt('seed', values.seed, 20230703, 0),
    noopRuns: positiveInt('noop-runs', values['noop-runs'], 11),
    profile: values.profile ?? false,
    nodeArgs: values['node-arg'] ?? [],
  };
}
