import type { HashPlan } from '../../sdk/log/index.js';
import type { Database } from '../db/database.js';
import { readNodes } from './append.js';

/** A stored node a plan needs is absent: the log's tables are damaged. Never a client's fault. */
export class MissingLogNodeError extends Error {
  readonly code = 'log_node_missing';
}

type Plans<T extends readonly unknown[]> = { readonly [K in keyof T]: HashPlan<T[K]> };

/**
 * Answers several hash plans (rootPlan, inclusionPlan, consistencyPlan) from stored subtree hashes, fetched
 * in one query: O(log n) rows, never a rebuild of the tree.
 */
export async function fromStoredNodes<T extends readonly unknown[]>(
  db: Pick<Database, 'select'>,
  plans: Plans<T>,
): Promise<T> {
  const stored = await readNodes(
    db,
    plans.flatMap((plan) => plan.nodes),
  );
  const get = (level: number, index: bigint) => {
    const hash = stored.get(`${level}:${index}`);
    if (!hash) throw new MissingLogNodeError(`log node ${level}:${index} is missing`);
    return hash;
  };
  return plans.map((plan) => plan.assemble(get)) as unknown as T;
}
