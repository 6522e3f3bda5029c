import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const projectRoot = new URL('../../..', import.meta.url).pathname.replace(/\/$/, '');
export const cliMain = join(projectRoot, 'dist', 'api', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // sdk/dist holds the SDK package's own build (.d.ts files), which the package test writes mid-run.
    if (entry.isDirectory()) newest = entry.name === 'dist' ? newest : Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const isStale = () =>
  !existsSync(cliMain) ||
  statSync(cliMain).mtimeMs <
    Math.max(...['api', 'sdk', 'schemas'].map((d) => newestSource(join(projectRoot, d))));

/**
 * The CLI runs from dist/. `npm test` builds first; when run alone, a test file builds here if any source is
 * newer than the build. A lock directory keeps parallel test files from building at once.
 */
export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  const lock = join(
    tmpdir(),
    `sightline-build-${Buffer.from(projectRoot).toString('base64url').slice(-24)}.lock`,
  );
  const giveUp = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A build takes well under a minute: a lock this old was left by a run that was killed.
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 600_000) {
        rmdirSync(lock);
        continue;
      }
      if (Date.now() > giveUp)
        throw new Error(`another build holds ${lock}; remove it if no build is running`);
      await sleep(500);
    }
  }
  try {
    if (!isStale()) return;
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: projectRoot, stdio: 'pipe' });
    } catch (error) {
      // tsc still emits on type errors elsewhere in the tree; the CLI tests judge what was built.
      const output = String((error as { stdout?: Buffer }).stdout ?? '');
      process.stderr.write(`build reported type errors:\n${output.slice(0, 2000)}\n`);
    }
  } finally {
    rmdirSync(lock);
  }
}
