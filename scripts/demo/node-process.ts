// Runs the built CLI (dist/) as separate processes, as an operator would: the demo and the sync bench share it.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { NODE_HEAP_FLAGS } from '../../api/cli/heap-flags.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliPath = join(projectRoot, 'dist', 'api', 'cli', 'main.js');

/** What `sightline init` prints: the member id and the RFC 7638 thumbprints of its keys per role. */
export interface NodeIdentity {
  id: string;
  keys: Record<'record' | 'log' | 'witness' | 'peer', string[]>;
}

export interface StorageOptions {
  member: string;
  dataDir: string;
  /** PostgreSQL instead of the embedded database. */
  databaseUrl?: string;
}

const storageArgs = ({ member, dataDir, databaseUrl }: StorageOptions) => [
  '--member',
  member,
  '--data',
  dataDir,
  ...(databaseUrl ? ['--database-url', databaseUrl] : []),
];

/** `sightline init`: creates what is missing (folder, keys, database) and returns the identity it prints. */
export async function initNode(options: StorageOptions): Promise<NodeIdentity> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [
      cliPath,
      'init',
      ...storageArgs(options),
    ]);
    return JSON.parse(stdout) as NodeIdentity;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`init of ${options.member} failed: ${stderr || (error as Error).message}`);
  }
}

export interface StartOptions extends StorageOptions {
  port: number;
  federationFile: string;
  /** Seconds between background pulls of every peer; 0 disables the sync worker. */
  syncIntervalSec: number;
  /** Where the node's JSON log lines go. */
  logFile: string;
  /** Extra arguments for node itself (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Start in a process group of its own, so a Ctrl-C in the terminal reaches only the parent. */
  detached?: boolean;
}

export interface RunningNode {
  member: string;
  url: string;
  pid: number;
  dataDir: string;
  /** Settles when the process exits, with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<number | null>;
}

/** `sightline start` as a child process; resolves once the node logs that it is listening. */
export async function startNode(options: StartOptions): Promise<RunningNode> {
  const url = `http://127.0.0.1:${options.port}`;
  const args = [
    ...NODE_HEAP_FLAGS,
    ...(options.nodeArgs ?? []),
    cliPath,
    'start',
    ...storageArgs(options),
    '--port',
    String(options.port),
    '--federation',
    options.federationFile,
    '--sync-interval',
    String(options.syncIntervalSec),
  ];
  const child = spawn(process.execPath, args, {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => setTimeout(() => log.end(), 100));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.member} did not start within 90 s`)), 90_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      log.write(`${line}\n`);
      if (line.includes('"msg":"node listening"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(`${options.member} exited (code ${code}) before listening: ${lastLines(options.logFile)}`),
      );
    });
  });
  return {
    member: options.member,
    url,
    pid: child.pid as number,
    dataDir: options.dataDir,
    exited,
    stop: (graceMs = 15_000) => stopChild(child, exited, graceMs),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, graceMs: number) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

function lastLines(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The admin token a node writes to `<data>/initial-token` on its first start. */
export function readInitialToken(dataDir: string): string | undefined {
  try {
    return readFileSync(join(dataDir, 'initial-token'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
