import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderBusyError extends Error {
  readonly code = 'data_folder_busy';
}

/**
 * PGlite must be opened by one process at a time: a second opener would corrupt it. The lock file holds
 * the owner's pid; a lock whose process is gone is stale and taken over.
 */
export function lockDataFolder(dataDir: string): () => void {
  const path = join(dataDir, 'node.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => unlinkQuietly(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = lockOwner(dataDir);
      if (owner !== undefined) {
        throw new DataFolderBusyError(
          `data folder ${dataDir} is in use by process ${owner} (a running node?). ` +
            'Stop it first, or use --database-url with PostgreSQL to share a database between processes.',
        );
      }
      unlinkQuietly(path);
    }
  }
  throw new DataFolderBusyError(`could not lock data folder ${dataDir}`);
}

/** The live process, other than this one, that holds the data folder's lock; undefined when none does. */
export function lockOwner(dataDir: string): number | undefined {
  const owner = Number(readFileSafely(join(dataDir, 'node.lock')));
  return owner && owner !== process.pid && isAlive(owner) ? owner : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readFileSafely(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
}
