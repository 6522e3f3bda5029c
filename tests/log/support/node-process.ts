import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../../api/paths.js';

export const builtCli = join(projectRoot, 'dist', 'api', 'cli', 'main.js');

/** A `sightline start` process of the built CLI. */
export interface NodeProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts `node dist/api/cli/main.js start` on a free port and waits until /health answers. */
export async function startNodeProcess(options: {
  member: string;
  dataDir: string;
  databaseUrl: string;
}): Promise<NodeProcess> {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run npm run build`);
  const port = await freePort();
  const args = ['start', '--member', options.member, '--data', options.dataDir];
  args.push('--database-url', options.databaseUrl, '--port', String(port), '--sync-interval', '0');
  const child = spawn(process.execPath, [builtCli, ...args], {
    env: { ...process.env, SIGHTLINE_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, () => stderr);
  return { url, stop: () => stop(child) };
}

async function waitForHealth(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node process exited (${child.exitCode}): ${stderr()}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`node process at ${url} did not become healthy: ${stderr()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
