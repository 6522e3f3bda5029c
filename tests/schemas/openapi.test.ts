import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { describe, expect, it } from 'vitest';
import { observationBodySchema } from '../../schemas/observation/body.js';
import { signedRecordSchema } from '../../schemas/record.js';

describe('OpenAPI components', () => {
  it('names the observation schemas', () => {
    const registry = new OpenAPIRegistry();
    registry.register('ObservationBody', observationBodySchema);
    registry.register('SignedRecord', signedRecordSchema);
    const { components } = new OpenApiGeneratorV31(registry.definitions).generateComponents();
    const names = Object.keys(components?.schemas ?? {});
    for (const name of [
      'ObservationBody',
      'ObservationRecord',
      'MeasureRef',
      'MeasureKey',
      'Item',
      'HsItem',
      'PartialDate',
      'ObservationDates',
      'Evidence',
      'AffectedJurisdiction',
      'Entity',
      'Tlp',
      'MemberId',
    ]) {
      expect(names).toContain(name);
    }
    expect(components?.schemas?.ObservationBody).toMatchObject({
      required: expect.arrayContaining(['measureRefs', 'evidence']),
    });
  });
});
