import { describe, expect, it } from 'vitest';
import { measureKeySchema, measureRefSchema, parseMeasureKey } from '../../schemas/observation/measure.js';

describe('parseMeasureKey', () => {
  it('splits official keys into issuers, year and serial', () => {
    expect(parseMeasureKey('MOFCOM-GAC-SASTIND-CMCEDD-2023-27')).toEqual({
      keyType: 'official_document',
      issuers: ['MOFCOM', 'GAC', 'SASTIND', 'CMCEDD'],
      year: 2023,
      serial: 27,
    });
    expect(parseMeasureKey('MOFCOM-COSTIND-GAC-2006-50')).toMatchObject({
      issuers: ['MOFCOM', 'COSTIND', 'GAC'],
    });
  });

  it('splits provisional keys into country and tokens', () => {
    expect(parseMeasureKey('PROV-CN-GOSC-2018-IPR-FOREIGN-TRANSFER')).toEqual({
      keyType: 'provisional',
      country: 'CN',
      tokens: ['GOSC', '2018', 'IPR', 'FOREIGN', 'TRANSFER'],
    });
  });

  it.each([
    'MOFCOM-GAC-2023-023',
    'MOFCOM-GAC-2023-0',
    'MOFCOM-GAC-23-23',
    'mofcom-2023-23',
    'MOFCOM-2023',
    'ACME-2023-1',
    '2023-23',
    'PROV-CHN-X',
    'PROV-UK-X',
    'PROV-CN-',
    'PROV-CN-A--B',
    'PROV-CN-A_B',
    'PROV-CN',
  ])('rejects %s', (key) => {
    expect(parseMeasureKey(key)).toBeUndefined();
    expect(measureKeySchema.safeParse(key).success).toBe(false);
  });
});

describe('measureRefSchema', () => {
  const ref = {
    measureKey: 'PROV-CN-END-USER-LIST',
    keyType: 'provisional',
    title: 'Non-public list of restricted end-users',
    issuingAuthorities: ['MOFCOM'],
    implementingJurisdiction: 'CN',
    instrument: 'end_user_list',
    legalBasis: ['CN_EXPORT_CONTROL_LAW'],
    status: 'in_force',
  };

  it('accepts a provisional key with any controlled issuers', () => {
    expect(measureRefSchema.safeParse(ref).success).toBe(true);
  });

  it('rejects a provisional key naming another country than the implementing jurisdiction', () => {
    const result = measureRefSchema.safeParse({ ...ref, implementingJurisdiction: 'RU' });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['measureKey']]);
  });

  it('rejects an official keyType on a provisional key', () => {
    expect(
      measureRefSchema.safeParse({ ...ref, keyType: 'official_document' }).error?.issues[0]?.path,
    ).toEqual(['keyType']);
  });

  it('rejects issuers missing from an official key', () => {
    const official = { ...ref, measureKey: 'MOFCOM-GAC-2023-39', keyType: 'official_document' };
    expect(measureRefSchema.safeParse(official).error?.issues[0]?.path).toEqual(['issuingAuthorities']);
    expect(measureRefSchema.safeParse({ ...official, issuingAuthorities: ['MOFCOM', 'GAC'] }).success).toBe(
      true,
    );
  });
});
