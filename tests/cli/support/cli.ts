import { type ChildProcess, spawn } from 'node:child_process';
import { cliMain, projectRoot } from './build.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

// The child must not inherit settings from whoever runs the tests.
const inheritedSettings = [
  'DATABASE_URL',
  'PORT',
  'SIGHTLINE_MEMBER',
  'SIGHTLINE_DATA',
  'SIGHTLINE_HOST',
  'SIGHTLINE_PUBLIC_URL',
  'SIGHTLINE_LOG_LEVEL',
  'SIGHTLINE_SYNC_INTERVAL',
];

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of inheritedSettings) if (!(name in extra)) delete env[name];
  return env;
}

function launch(args: readonly string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [cliMain, ...args], {
    cwd: projectRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `sightline ...args` to completion. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = launch(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface RunningNode {
  url: string;
  pid: number;
  /** Everything the node wrote so far. */
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `sightline start ...args` and waits for its `node listening` log line, which carries the URL. */
export function startNode(args: readonly string[], env: Record<string, string> = {}): Promise<RunningNode> {
  const child = launch(['start', ...args], env);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const node = (url: string): RunningNode => ({
    url,
    pid: child.pid as number,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node did not start in time\n${stdout}\n${stderr}`));
    }, 150_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const listening = jsonLines(stdout).find((line) => line.msg === 'node listening');
      if (typeof listening?.url === 'string') {
        clearTimeout(timer);
        resolve(node(listening.url));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code} before listening\n${stdout}\n${stderr}`));
    });
  });
}

/** The complete lines of `text` that are JSON objects (log records). */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .slice(0, -1)
    .flatMap((line) => {
      try {
        const value: unknown = JSON.parse(line);
        return value && typeof value === 'object' ? [value as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
}
