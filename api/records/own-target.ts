import type { RecordView } from '../../schemas/api/observations.js';
import type { NodeContext } from '../context.js';
import { ProblemError } from '../http/problem.js';
import { readRecord } from './read.js';

/** The record to supersede or retract: it must exist, be this member's, and still be current. */
export async function ownCurrentRecord(ctx: NodeContext, id: string): Promise<RecordView> {
  const target = await readRecord(ctx, id);
  if (target.author !== ctx.member) {
    throw new ProblemError(
      403,
      'not_original_author',
      'only the author may change a record',
      `record ${id} was authored by ${target.author}`,
    );
  }
  if (target.record.type !== 'observation') {
    throw new ProblemError(409, 'not_an_observation', 'only observations can be superseded or retracted');
  }
  if (target.status !== 'current') {
    const by = target.retractedBy ?? target.supersededBy;
    throw new ProblemError(
      409,
      `already_${target.status}`,
      `the record is already ${target.status}`,
      `by record ${by}`,
    );
  }
  return target;
}
