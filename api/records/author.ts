import type { SignedRecord } from '../../schemas/record.js';
import { newNonce, signRecord } from '../../sdk/record/index.js';
import type { NodeContext } from '../context.js';
import { ProblemError } from '../http/problem.js';
import { ingestRecords } from '../ingest/ingest.js';
import { currentKey } from '../node/keys.js';
import { assertSingleChange } from './single-change.js';

type Unsigned = DistributiveOmit<SignedRecord, 'author' | 'createdAt' | 'nonce'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Signs a record as this member and stores it through the same ingest path as records from peers. */
export async function authorRecord(ctx: NodeContext, unsigned: Unsigned) {
  const record = {
    ...unsigned,
    author: ctx.member,
    createdAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    nonce: newNonce(),
  } as SignedRecord;
  const { id, jws } = signRecord(record, await currentKey(ctx, 'record'));
  const target = record.type === 'retraction' ? record.retracts : record.supersedes;
  const [outcome] = await ingestRecords(ctx, [jws], {
    from: 'self',
    // The route's check ran before signing and cannot see a concurrent change of the same target; this can.
    alongside: async (tx, outcomes) => {
      if (target && outcomes[0]?.status === 'accepted') await assertSingleChange(tx, ctx.member, target);
    },
  });
  if (outcome?.status === 'rejected') {
    // Lifecycle conflicts are the only way a record we just signed can be refused.
    throw new ProblemError(409, outcome.code, 'the record was not accepted', outcome.reason);
  }
  return { id, jws, record };
}
