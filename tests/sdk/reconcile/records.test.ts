import { describe, expect, it } from 'vitest';
import { signedRecordSchema } from '../../../schemas/record.js';
import { retraction, seedCases, seedObservation } from './records.js';

// The reconcile tests build VerifiedRecord objects directly; this keeps those payloads honest.
describe('test records', () => {
  it('are valid signed records', () => {
    const records = seedCases.map((_, index) => seedObservation(index, { author: 'DE' }));
    records.push(retraction(records[0] as (typeof records)[number], 'DE'));
    for (const { record } of records) expect(signedRecordSchema.safeParse(record).error).toBeUndefined();
  });
});
