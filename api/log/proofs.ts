import { consistencyPlan, inclusionPlan } from '../../sdk/log/index.js';
import type { Database } from '../db/database.js';
import { fromStoredNodes } from './stored-hashes.js';

/**
 * The RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves, from stored subtree hashes in
 * one query. The caller checks index < size <= the committed log size.
 */
export async function inclusionProof(
  db: Pick<Database, 'select'>,
  index: bigint,
  size: bigint,
): Promise<Uint8Array[]> {
  const [proof] = await fromStoredNodes(db, [inclusionPlan(index, size)] as const);
  return proof;
}

/**
 * The RFC 9162 consistency proof from the tree of `from` leaves to the tree of `to` leaves, in one query.
 * The caller checks from <= to <= the committed log size.
 */
export async function consistencyProof(
  db: Pick<Database, 'select'>,
  from: bigint,
  to: bigint,
): Promise<Uint8Array[]> {
  const [proof] = await fromStoredNodes(db, [consistencyPlan(from, to)] as const);
  return proof;
}
