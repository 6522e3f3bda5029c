import { describe, expect, it } from 'vitest';
import { observationBodySchema } from '../../schemas/observation/body.js';
import { observationRecordSchema } from '../../schemas/record.js';
import { badInputs } from './bad-inputs.js';

const envelope = {
  type: 'observation',
  author: 'DE',
  createdAt: '2026-11-28T12:00:00Z',
  nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
};

describe('bad inputs', () => {
  it('cover every rule of OBSERVATIONS.md "What a parser must reject"', () => {
    const rules = new Set(badInputs.map((bad) => bad.rule.split(' ')[0]));
    for (const rule of ['1', '2', '3', '4', '5', '6', '7', '8']) expect(rules).toContain(rule);
  });

  it.each(badInputs.map((bad) => [`${bad.rule}: ${bad.name}`, bad] as const))(
    '%s is rejected at its path',
    (_, bad) => {
      const result = observationBodySchema.safeParse(bad.body);
      expect(result.success).toBe(false);
      const issue = result.error?.issues.find(
        (candidate) => JSON.stringify(candidate.path) === JSON.stringify(bad.path),
      );
      expect(issue, JSON.stringify(result.error?.issues)).toBeDefined();
      expect(issue?.message).not.toMatch(/^Invalid input$/);
      if (bad.keys) expect(issue).toMatchObject({ code: 'unrecognized_keys', keys: bad.keys });
    },
  );

  it.each(badInputs.map((bad) => [`${bad.rule}: ${bad.name}`, bad] as const))(
    '%s is rejected inside a signed record too',
    (_, bad) => {
      const result = observationRecordSchema.safeParse({ ...envelope, ...(bad.body as object) });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(bad.path);
    },
  );
});
