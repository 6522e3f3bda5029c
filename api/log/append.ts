import { eq, sql } from 'drizzle-orm';
import { appendPlan, leafHash, type NodeCoord } from '../../sdk/log/index.js';
import type { Tx } from '../db/database.js';
import { insertJsonRows } from '../db/insert-json-rows.js';
import { logHead, logLeaves, logNodes } from '../db/schema.js';
import { lockLogHead } from './head.js';
import { encodeLeaf, type LogLeaf } from './leaf.js';

/**
 * Appends leaves inside the caller's transaction and returns their indexes. The log head row is locked
 * first, so appenders in any number of processes sharing one database are serialized and never fork.
 */
export async function appendLeaves(tx: Tx, leaves: readonly LogLeaf[]): Promise<number[]> {
  const size = Number(await lockLogHead(tx));
  if (leaves.length === 0) return [];
  const encoded = leaves.map(encodeLeaf);
  const plan = appendPlan(size, encoded.length);
  const stored = await readNodes(tx, plan.reads);
  const { nodes } = plan.assemble(
    encoded.map((leaf) => leafHash(Buffer.from(leaf, 'utf8'))),
    (level, index) => {
      const hash = stored.get(`${level}:${index}`);
      if (!hash) throw new Error(`log node ${level}:${index} is missing`);
      return hash;
    },
  );
  const indexes = encoded.map((_, i) => size + i);
  await insertJsonRows(
    tx,
    logLeaves,
    encoded.map((leaf, i) => ({
      index: size + i,
      leaf,
      recordId: leaves[i]?.type === 'record' ? leaves[i].id : null,
    })),
  );
  await insertJsonRows(
    tx,
    logNodes,
    nodes.map((n) => ({ level: n.level, index: Number(n.index), hash: n.hash })),
  );
  await tx
    .update(logHead)
    .set({ size: size + encoded.length })
    .where(eq(logHead.id, 1));
  return indexes;
}

/** Fetches stored subtree hashes in one query, keyed `level:index`. */
export async function readNodes(
  tx: Pick<Tx, 'select'>,
  coords: readonly NodeCoord[],
): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  if (coords.length === 0) return found;
  // One statement text whatever the coordinates (two array parameters): the server plans it once per
  // connection, where a different OR of conditions per call was planned anew every time.
  const levels = `{${coords.map((c) => c.level).join(',')}}`;
  const indexes = `{${coords.map((c) => c.index).join(',')}}`;
  const rows = await tx
    .select()
    .from(logNodes)
    .where(
      sql`(${logNodes.level}, ${logNodes.index}) in (select * from unnest(${levels}::int[], ${indexes}::bigint[]))`,
    );
  for (const row of rows) found.set(`${row.level}:${row.index}`, row.hash);
  return found;
}
