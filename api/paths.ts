import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder, found from this file whether it runs from source or from dist/. */
export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'migrations'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`migrations folder not found above ${from}`);
    dir = parent;
  }
  return dir;
}

export const migrationsFolder = join(projectRoot, 'migrations');
export const seedFile = join(projectRoot, 'fixtures', 'seed-observations.json');
