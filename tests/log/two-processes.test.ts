import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, count, max, min } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { createApiToken } from '../../api/auth/api-tokens.js';
import type { NodeContext } from '../../api/context.js';
import { logLeaves, logNodes, records } from '../../api/db/schema.js';
import { committedLogSize } from '../../api/log/head.js';
import { logOrigin } from '../../api/log/names.js';
import { fromStoredNodes } from '../../api/log/stored-hashes.js';
import { openNode } from '../../api/node/open-node.js';
import { seedBodies } from '../../api/node/seed.js';
import type { InclusionProof } from '../../schemas/api/log.js';
import { ed25519NoteVerifier, rootPlan, verifyCheckpoint, verifyInclusion } from '../../sdk/log/index.js';
import { withLogRoutes } from './support/log-node.js';
import { naiveRoot } from './support/naive-merkle.js';
import { builtCli, type NodeProcess, startNodeProcess } from './support/node-process.js';
import { postgresReachable, scratchPostgres } from './support/postgres.js';

// Two API processes of one node (same database, same keys) append concurrently: the log head lock in
// PostgreSQL must serialize them into one tree. Runs whenever a PostgreSQL server is reachable.
const reachable = await postgresReachable();
const built = existsSync(builtCli);
if (!reachable || !built) {
  console.warn(
    `two-processes test skipped: ${reachable ? `${builtCli} missing (npm run build)` : 'no PostgreSQL at SIGHTLINE_TEST_DATABASE_URL or 127.0.0.1:5432'}`,
  );
}

const perProcess = 100;
const inFlight = 8;

describe.skipIf(!reachable || !built)('two API processes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof scratchPostgres>>;
  let dataDir: string;
  let ctx: NodeContext & { close(): Promise<void> };
  let processes: NodeProcess[] = [];
  let analyst: string;
  let reader: string;
  let created: string[];
  let byProcess: string[][];

  beforeAll(async () => {
    database = await scratchPostgres('sightline_log');
    dataDir = mkdtempSync(join(tmpdir(), 'sightline-log-'));
    // Opening once first migrates the database and writes the keys both processes then share.
    ctx = await openNode({ member: 'DE', dataDir, databaseUrl: database.url });
    analyst = (await createApiToken(ctx.db, 'analyst')).secret;
    reader = (await createApiToken(ctx.db, 'reader')).secret;
    const options = { member: 'DE', dataDir, databaseUrl: database.url };
    processes = await Promise.all([startNodeProcess(options), startNodeProcess(options)]);
    const bodies = seedBodies();
    const batches = await Promise.all(
      processes.map((process, p) => hammer(process.url, perProcess, (i) => bodies[(i + p) % bodies.length])),
    );
    byProcess = batches;
    created = batches.flat();
  }, 240_000);

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await ctx?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function hammer(url: string, total: number, body: (i: number) => unknown): Promise<string[]> {
    const ids: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const res = await fetch(`${url}/v1/observations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
          body: JSON.stringify(body(i)),
        });
        const text = await res.text();
        if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${text}`);
        ids.push((JSON.parse(text) as { id: string }).id);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
    return ids;
  }

  it('really appended from both processes at once (their records interleave in the log)', async () => {
    const firstProcess = new Set(byProcess[0]);
    const stored = await ctx.db.select({ id: records.id }).from(records).orderBy(asc(records.seq));
    const owners = stored.map((row) => (firstProcess.has(row.id) ? 0 : 1));
    const switches = owners.filter((owner, i) => i > 0 && owner !== owners[i - 1]).length;
    expect(byProcess.map((ids) => ids.length)).toEqual([perProcess, perProcess]);
    expect(switches).toBeGreaterThan(10);
  });

  it('logs every record once, at indexes 0..n-1 without gaps', async () => {
    const n = 2 * perProcess;
    expect(new Set(created).size).toBe(n);
    expect(await committedLogSize(ctx.db)).toBe(BigInt(n));
    const [leaves] = await ctx.db
      .select({ rows: count(), first: min(logLeaves.index), last: max(logLeaves.index) })
      .from(logLeaves);
    expect(leaves).toEqual({ rows: n, first: 0, last: n - 1 });
    const stored = await ctx.db
      .select({ id: records.id, seq: records.seq })
      .from(records)
      .orderBy(asc(records.seq));
    expect(stored.map((row) => row.seq)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(new Set(stored.map((row) => row.id))).toEqual(new Set(created));
    const leafRecords = await ctx.db
      .select({ id: logLeaves.recordId })
      .from(logLeaves)
      .orderBy(asc(logLeaves.index));
    expect(leafRecords.map((row) => row.id)).toEqual(stored.map((row) => row.id));
  });

  it('has one tree: the root from stored nodes equals the root recomputed from every leaf', async () => {
    const n = 2 * perProcess;
    const rows = await ctx.db.select({ leaf: logLeaves.leaf }).from(logLeaves).orderBy(asc(logLeaves.index));
    const leaves = rows.map((row) => Buffer.from(row.leaf, 'utf8'));
    const [root] = await fromStoredNodes(ctx.db, [rootPlan(n)] as const);
    expect(Buffer.from(root)).toEqual(naiveRoot(leaves));
    const nodes = await ctx.db.select().from(logNodes);
    expect(nodes).toHaveLength(2 * n - n.toString(2).replaceAll('0', '').length);
    for (const { level, index, hash } of nodes) {
      const first = index * 2 ** level;
      expect(Buffer.from(hash), `node ${level}:${index}`).toEqual(
        naiveRoot(leaves.slice(first, first + 2 ** level)),
      );
    }
  });

  it('proves every record in the signed checkpoint', { timeout: 180_000 }, async () => {
    const app = withLogRoutes({ app: createApp(ctx), ctx }).app;
    const get = async (path: string) => {
      const res = await app.request(path, { headers: { authorization: `Bearer ${reader}` } });
      expect(res.status).toBe(200);
      return res;
    };
    const note = await (await get('/fed/v1/log/checkpoint')).text();
    const logKey = ed25519NoteVerifier(logOrigin('DE'), ctx.keys.log.publicKey);
    const { checkpoint } = verifyCheckpoint(note, { logKey });
    expect(checkpoint.size).toBe(BigInt(created.length));
    for (const id of created) {
      const proof = (await (await get(`/fed/v1/log/proof/inclusion?id=${id}`)).json()) as InclusionProof;
      const leaf = Buffer.from(proof.leaf, 'base64');
      expect(JSON.parse(leaf.toString('utf8'))).toMatchObject({ type: 'record', id });
      const input = {
        leaf,
        index: proof.leafIndex,
        size: proof.treeSize,
        proof: proof.hashes.map((hash) => Buffer.from(hash, 'base64')),
        root: checkpoint.rootHash,
      };
      expect(verifyInclusion(input)).toBe(true);
    }
  });
});
