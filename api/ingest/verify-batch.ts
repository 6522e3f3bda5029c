import type { PinnedKeySet } from '../../sdk/keys/index.js';
import { type RecordVerification, verifyRecord } from '../../sdk/record/index.js';
import type { NodeContext } from '../context.js';
import { pinnedKeys } from '../keys/pinned-keys.js';

/**
 * Looks for keys no pinned key matched, e.g. at the peer that delivered the records. Resolves true when it
 * pinned new key material, so that the records signed with those keys are verified again.
 */
export type FindKeys = (kids: readonly string[]) => Promise<boolean>;

/**
 * The first phase of ingest: verifies each record against the pinned keys of its author, in the worker pool
 * when one runs. It holds no transaction, so a pull can verify one page while it stores the previous one.
 * Records signed by an unknown kid are verified once more after `findKeys` found new keys.
 */
export async function verifyBatch(
  ctx: NodeContext,
  jwsList: readonly string[],
  findKeys?: FindKeys,
): Promise<RecordVerification[]> {
  const first = await verifyWithPinnedKeys(ctx, jwsList);
  const unknown = first.flatMap((v, at) => (!v.ok && v.code === 'unknown_kid' ? [at] : []));
  const kids = [...new Set(unknown.map((at) => first[at]?.kid).filter((kid): kid is string => !!kid))];
  if (kids.length === 0 || !findKeys || !(await findKeys(kids))) return first;
  const again = await verifyWithPinnedKeys(
    ctx,
    unknown.map((at) => jwsList[at] as string),
  );
  const merged = [...first];
  unknown.forEach((at, k) => {
    merged[at] = again[k] as RecordVerification;
  });
  return merged;
}

async function verifyWithPinnedKeys(ctx: NodeContext, jwsList: readonly string[]) {
  if (jwsList.length === 0) return [];
  return verifyWithKeys(ctx, jwsList, await pinnedKeys(ctx.db, ctx.member, { role: 'record' }));
}

/** Verifies records against `keys`: in the worker pool when one runs, so the event loop stays free. */
export async function verifyWithKeys(
  ctx: NodeContext,
  jwsList: readonly string[],
  keys: PinnedKeySet,
): Promise<RecordVerification[]> {
  return ctx.verifyRecords
    ? ctx.verifyRecords(jwsList, keys)
    : jwsList.map((jws) => verifyRecord(jws, keys.resolve));
}
