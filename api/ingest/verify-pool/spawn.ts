import { Worker } from 'node:worker_threads';

// A worker holds one chunk (<= 256 records) at a time; left unbounded, each grew its heap to ~100 MB.
const WORKER_HEAP = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };

/**
 * Starts a verify worker from the file beside this module's folder, with this module's own extension: `.js`
 * under dist/, `.ts` when running from source (vitest, tsx). On Node 20, `execArgv: ['--import', 'tsx']` does not
 * let a worker load a `.ts` entry (ERR_UNKNOWN_FILE_EXTENSION), so from source a small bootstrap registers tsx's
 * ESM hooks inside the worker, then imports the entry. tsx is a dev dependency; dist/ never loads it.
 */
export function spawnVerifyWorker(): Worker {
  const fromSource = new URL(import.meta.url).pathname.endsWith('.ts');
  const entry = new URL(`../verify-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { resourceLimits: WORKER_HEAP });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits: WORKER_HEAP });
}
