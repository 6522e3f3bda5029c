import { describe, expect, it } from 'vitest';
import { observationRecordSchema, signedRecordSchema } from '../../schemas/record.js';
import { mutateSeed, seedBodies } from './seed-fixtures.js';

const envelope = {
  type: 'observation',
  author: 'SE',
  createdAt: '2026-11-28T12:00:00Z',
  nonce: 'q3Vx1lTq0nB7zFJH9bA2cw',
};

describe('observationRecordSchema: envelope plus body, with every body check', () => {
  it('accepts every seed body inside an envelope, unchanged', () => {
    for (const body of seedBodies) {
      const record = { ...envelope, ...body };
      expect(signedRecordSchema.parse(record)).toStrictEqual(record);
    }
  });

  it('keeps x-<memberId> extensions and the envelope fields', () => {
    const record = {
      ...envelope,
      supersedes: 'a'.repeat(64),
      ...mutateSeed(9, (b) => (b['x-SE'] = { ref: 1 })),
    };
    expect(observationRecordSchema.parse(record)).toMatchObject({ 'x-SE': { ref: 1 }, author: 'SE' });
  });

  it('still rejects unknown keys, naming them', () => {
    const result = observationRecordSchema.safeParse({ ...envelope, ...seedBodies[0], reportingNode: {} });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['reportingNode'], path: [] }),
    ]);
  });

  it('reports envelope and cross-field (TLP recipients) problems together', () => {
    const result = observationRecordSchema.safeParse({
      ...envelope,
      author: 'UK',
      ...mutateSeed(0, (b) => (b.tlp = 'TLP:AMBER')),
    });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['author'], ['recipients']]);
  });
});
