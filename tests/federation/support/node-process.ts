import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../api/paths.js';
import type { FederationFile } from '../../../schemas/api/federation.js';
import { freePort } from './free-port.js';
import { newPgliteDataDir } from './pglite-template.js';
import { createProcessDatabase } from './postgres-databases.js';

// SIGHTLINE_FED_CLI runs the processes from another build, e.g. a copy with a protection removed, to check
// that these tests fail without it.
export const cliPath = process.env.SIGHTLINE_FED_CLI ?? join(projectRoot, 'dist/api/cli/main.js');

export interface LaunchOptions {
  member: string;
  /** Folder the node's data folder is created in. */
  root: string;
  storage?: 'pglite' | 'postgres';
  /** Seconds between sync passes; 0 (default) disables the worker so tests decide when nodes pull. */
  syncIntervalSeconds?: number;
  federation?: FederationFile;
}

export interface StartOptions {
  syncIntervalSeconds?: number;
  federation?: FederationFile;
}

// Children of every test file in this worker: killed if the worker exits without its afterAll.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A `sightline start` process on a fixed 127.0.0.1 port, with its own data folder and database. */
export class NodeProcess {
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #output: string[] = [];
  #adminToken: string | undefined;

  private constructor(
    readonly member: string,
    readonly port: number,
    readonly dataDir: string,
    readonly databaseUrl: string | undefined,
    private readonly dropDatabase: (() => Promise<void>) | undefined,
    private syncIntervalSeconds: number,
    private federation: FederationFile | undefined,
  ) {}

  /** Prepares storage (a copy of the migrated template, or a new PostgreSQL database) and a port; not started. */
  static async prepare(options: LaunchOptions): Promise<NodeProcess> {
    if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first`);
    const postgres = options.storage === 'postgres';
    const dataDir = postgres
      ? mkdtempSync(join(options.root, `${options.member}-`))
      : await newPgliteDataDir(options.root, options.member);
    const database = postgres ? await createProcessDatabase() : undefined;
    return new NodeProcess(
      options.member,
      await freePort(),
      dataDir,
      database?.url,
      database?.drop,
      options.syncIntervalSeconds ?? 0,
      options.federation,
    );
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The admin token the node wrote to `<data>/initial-token` on its first start. */
  get adminToken(): string {
    this.#adminToken ??= readFileSync(join(this.dataDir, 'initial-token'), 'utf8').trim();
    return this.#adminToken;
  }

  /** Everything the process wrote so far (JSON log lines and stderr), for failure messages. */
  get output(): string {
    return this.#output.join('\n');
  }

  /** Starts the process (again) and resolves once it logs `node listening`. */
  async start(options: StartOptions = {}): Promise<void> {
    if (this.#child) throw new Error(`${this.member} is already running`);
    this.syncIntervalSeconds = options.syncIntervalSeconds ?? this.syncIntervalSeconds;
    this.federation = options.federation ?? this.federation;
    const args = [
      cliPath,
      'start',
      '--member',
      this.member,
      '--data',
      this.dataDir,
      '--port',
      String(this.port),
      '--sync-interval',
      String(this.syncIntervalSeconds),
    ];
    if (this.databaseUrl) args.push('--database-url', this.databaseUrl);
    if (this.federation) {
      const file = join(this.dataDir, 'federation.json');
      writeFileSync(file, JSON.stringify(this.federation, null, 2));
      args.push('--federation', file);
    }
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: cleanEnv() });
    this.#child = child;
    live.add(child);
    this.#exited = new Promise((resolve) =>
      child.once('exit', () => {
        live.delete(child);
        if (this.#child === child) this.#child = undefined;
        resolve();
      }),
    );
    await this.#listening(child);
  }

  /** SIGTERM (a clean stop) and wait for the process to exit; SIGKILL if it does not within 30 s. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    child.kill('SIGTERM');
    const exited = await Promise.race([this.#exited.then(() => true), sleep(30_000).then(() => false)]);
    if (!exited) await this.kill();
  }

  /** SIGKILL: the process gets no chance to finish anything. */
  async kill(): Promise<void> {
    this.#child?.kill('SIGKILL');
    await this.#exited;
  }

  /** Stops the process and removes its data folder and database. */
  async dispose(): Promise<void> {
    await this.kill();
    await this.dropDatabase?.();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  #listening(child: ChildProcess): Promise<void> {
    return new Promise((resolve, reject) => {
      // Generous: on a loaded machine a PGlite node has been seen to need minutes to open its database.
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${this.member} did not start within 240 s\n${this.output.slice(-3000)}`));
      }, 240_000);
      let partial = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          this.#output.push(line);
          if (parseLine(line)?.msg === 'node listening') {
            clearTimeout(timer);
            resolve();
          }
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => this.#output.push(chunk.toString('utf8')));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `${this.member} exited (${code ?? signal}) before listening\n${this.output.slice(-3000)}`,
          ),
        );
      });
    });
  }
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The node's settings come from its arguments only, never from the environment the tests run in. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SIGHTLINE_LOG_LEVEL: 'info' };
  for (const name of Object.keys(env)) {
    if (
      name === 'DATABASE_URL' ||
      name === 'PORT' ||
      (name.startsWith('SIGHTLINE_') && name !== 'SIGHTLINE_LOG_LEVEL')
    )
      delete env[name];
  }
  return env;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
