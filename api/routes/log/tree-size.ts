import type { NodeContext } from '../../context.js';
import { ProblemError } from '../../http/problem.js';
import { currentCheckpoint } from '../../log/checkpoint.js';
import { committedLogSize } from '../../log/head.js';

// The log only grows, so a size once seen committed stays valid: most proofs then skip a round trip.
const committedSizeSeen = new WeakMap<object, bigint>();

/**
 * The tree size a proof is for: the one asked for, which must not exceed the log, or else the latest
 * checkpoint's (signed now if the log grew), so a default answer always has a signed checkpoint to check.
 */
export async function proofTreeSize(
  ctx: NodeContext,
  requested: bigint | undefined,
  name: string,
): Promise<bigint> {
  if (requested === undefined) return (await currentCheckpoint(ctx)).size;
  if (requested <= (committedSizeSeen.get(ctx.db) ?? -1n)) return requested;
  const head = await committedLogSize(ctx.db);
  committedSizeSeen.set(ctx.db, head);
  if (requested > head) {
    throw new ProblemError(
      400,
      'tree_size_beyond_head',
      'the tree size is beyond the end of this log',
      `${name}=${requested}, log size ${head}`,
    );
  }
  return requested;
}
