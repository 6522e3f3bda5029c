// Slow but required (~60 s, more on a busy machine): packs the SDK, installs it into a fresh project,
// compiles a consumer with `tsc --strict` and runs it against a live node started from the built CLI.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumerSource } from './consumer-source.js';
import { type StartedNode, sh, startBuiltNode } from './processes.js';

const repo = new URL('../../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'sightline-sdk-package-'));
const app = join(work, 'app');
const serverPackages = ['hono', '@hono', 'drizzle-orm', 'postgres', '@electric-sql', 'pino'];
let node: StartedNode | undefined;
let consumerOutput: Record<string, unknown>;

/** Builds the node CLI when it is missing or older than any source file (npm test builds it first). */
async function ensureNodeBuild(): Promise<void> {
  const cli = join(repo, 'dist/api/cli/main.js');
  const built = existsSync(cli) ? statSync(cli).mtimeMs : 0;
  const newest = Math.max(...['api', 'sdk', 'schemas'].map((folder) => newestMtime(join(repo, folder))));
  if (built < newest) await sh('npm', ['run', '-s', 'build'], repo).catch(() => undefined);
  if (!existsSync(cli)) throw new Error('npm run build did not produce dist/api/cli/main.js');
}

function newestMtime(folder: string): number {
  return Math.max(
    0,
    ...readdirSync(folder, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes('dist'))
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
}

async function packInstallCompile(): Promise<void> {
  const packed = await sh('npm', ['run', '-s', 'sdk:pack', '--', '--pack-destination', work], repo);
  const tarball = join(work, packed.trim().split('\n').at(-1) as string);
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  await sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, '@types/node@20'], app);
  writeFileSync(join(app, 'consumer.ts'), consumerSource);
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        outDir: 'out',
        types: ['node'],
        skipLibCheck: true,
      },
      files: ['consumer.ts'],
    }),
  );
  await sh(join(repo, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], app);
}

async function startNode(): Promise<StartedNode> {
  await ensureNodeBuild();
  return startBuiltNode(repo, [
    '--port',
    '0',
    '--data',
    join(work, 'data'),
    '--seed',
    '--member',
    'DE',
    '--sync-interval',
    '0',
  ]);
}

beforeAll(async () => {
  const [started] = await Promise.all([startNode(), packInstallCompile()]);
  node = started;
  const token = readFileSync(join(work, 'data', 'initial-token'), 'utf8').trim();
  const output = await sh(process.execPath, ['out/consumer.js', node.url, token], app);
  consumerOutput = JSON.parse(output.trim().split('\n').at(-1) as string);
}, 600_000);

afterAll(async () => {
  await node?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('@sightline/sdk as a package (slow, required)', () => {
  it('installs without the node’s server dependencies', () => {
    const installed = readdirSync(join(app, 'node_modules'));
    for (const name of serverPackages) expect(installed, name).not.toContain(name);
    const sdk = join(app, 'node_modules/@sightline/sdk');
    expect(existsSync(join(sdk, 'dist/sdk/index.js'))).toBe(true);
    expect(existsSync(join(sdk, 'dist/sdk/index.d.ts'))).toBe(true);
    expect(existsSync(join(sdk, 'README.md'))).toBe(true);
    expect(existsSync(join(sdk, 'dist/api'))).toBe(false);
  });

  it('compiles a strict consumer that creates, lists, iterates, syncs, verifies and reconciles against a live node', () => {
    expect(consumerOutput).toMatchObject({
      health: 'ok',
      listed: 5,
      iterated: 21, // the 20 seed cases and the one created
      unique: 21,
      containsCreated: true,
      verified: true,
      author: 'DE',
      mirrored: 21,
      cursor: 20,
      synced: { cursor: 20, records: 21, failures: 0 },
      excluded: 0,
      notFound: 'not_found',
    });
    expect(consumerOutput.measures).toEqual(expect.any(Number));
    expect(consumerOutput.measures as number).toBeGreaterThan(5);
  });
});
