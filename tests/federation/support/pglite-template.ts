import { createHash, randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { attachPglite } from '../../../api/db/open-pglite.js';
import { migrationsFolder, projectRoot } from '../../../api/paths.js';

// A fresh PGlite folder costs an initdb (6-25 s here); a migrated template, copied per node, costs a file copy.
// The template is kept across runs, keyed by the migrations and the PGlite version, so it is built once.
let template: Promise<string> | undefined;

/** A new data folder whose `pglite/` is a migrated, empty database (no identity, no keys yet). */
export async function newPgliteDataDir(parent: string, name: string): Promise<string> {
  template ??= migratedTemplate();
  const source = await template;
  const dataDir = join(parent, name);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  cpSync(source, join(dataDir, 'pglite'), { recursive: true });
  return dataDir;
}

async function migratedTemplate(): Promise<string> {
  const folder = join(tmpdir(), `sightline-fed-pglite-${templateKey()}`);
  if (existsSync(join(folder, 'ready'))) return join(folder, 'pglite');
  const building = `${folder}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(building, { recursive: true });
  const client = new PGlite(join(building, 'pglite'));
  const database = await attachPglite(client);
  await database.close();
  writeFileSync(join(building, 'ready'), '');
  try {
    renameSync(building, folder);
  } catch {
    // Another test file finished the same template first; theirs is as good as ours.
    rmSync(building, { recursive: true, force: true });
  }
  return join(folder, 'pglite');
}

function templateKey(): string {
  const hash = createHash('sha256');
  const pglite = JSON.parse(
    readFileSync(join(projectRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ) as { version: string };
  hash.update(pglite.version);
  for (const file of listFiles(migrationsFolder)) {
    hash.update(file);
    hash.update(readFileSync(join(migrationsFolder, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

function listFiles(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(root, join(prefix, entry.name)) : [join(prefix, entry.name)],
    )
    .sort();
}
