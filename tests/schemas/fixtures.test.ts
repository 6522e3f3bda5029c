import { describe, expect, it } from 'vitest';
import { observationBodySchema } from '../../schemas/observation/body.js';
import { seedBodies, sharedSeed } from './seed-fixtures.js';

const envelopeishKeys = ['schemaVersion', 'recordId', 'reportingNode', 'createdAt'];

describe('fixtures/seed-observations.json', () => {
  it('holds the 20 seed cases', () => {
    expect(seedBodies).toHaveLength(20);
  });

  it.each(seedBodies.map((body, index) => [index, body] as const))(
    'case %i parses unchanged',
    (_index, body) => {
      const result = observationBodySchema.safeParse(body);
      expect(result.error?.issues).toBeUndefined();
      // No defaults or transforms: the parsed body is the submitted one, so signed bytes stay canonical.
      expect(result.data).toStrictEqual(body);
    },
  );

  it('keeps every fact of the shared seed; only the documented reshapes differ', () => {
    const reshaped = sharedSeed.map((seedCase) =>
      Object.fromEntries(Object.entries(seedCase).filter(([key]) => !envelopeishKeys.includes(key))),
    );
    // fixtures/README.md: case 3 reports no change and names only free-text items, so its kind became `other`.
    const case3 = structuredClone(reshaped[3]) as { observation: { kind: string } };
    expect(case3.observation.kind).toBe('export_volume_change');
    case3.observation.kind = 'other';
    reshaped[3] = case3;
    expect(seedBodies).toStrictEqual(reshaped);
  });
});
