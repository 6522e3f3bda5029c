import type { NodeContext } from '../../context.js';
import { ProblemError } from '../../http/problem.js';
import { currentCheckpoint } from '../../log/checkpoint.js';
import { committedLogSize } from '../../log/head.js';

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
  const head = await committedLogSize(ctx.db);
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
