import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a command, failing with its output when it exits non-zero. */
export async function sh(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: cleanEnv() });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

export interface StartedNode {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `sightline start` from the built CLI and waits for its `node listening` log line. */
export function startBuiltNode(repo: string, args: string[]): Promise<StartedNode> {
  const child = spawn(process.execPath, ['dist/api/cli/main.js', 'start', ...args], {
    cwd: repo,
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'node listening' && entry.url) resolve({ url: entry.url, process: child, stop });
      } catch {}
    });
    child.once('exit', (code) => reject(new Error(`the node exited (${code}) before listening:\n${stderr}`)));
  });
}

// The child node always runs on its own embedded database, whatever the suite's backend.
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'PORT', 'SIGHTLINE_DATA', 'SIGHTLINE_MEMBER', 'SIGHTLINE_PUBLIC_URL']) {
    delete env[name];
  }
  return env;
}
