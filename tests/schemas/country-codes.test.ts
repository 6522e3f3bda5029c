import { describe, expect, it } from 'vitest';
import { memberIdSchema } from '../../schemas/common.js';
import { countryCodeSchema, iso3166Alpha2 } from '../../schemas/observation/iso-countries.js';

describe('iso3166Alpha2', () => {
  it('holds the 249 assigned codes, upper case', () => {
    expect(iso3166Alpha2.size).toBe(249);
    for (const code of iso3166Alpha2) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('includes recent and edge assignments and excludes reserved codes', () => {
    for (const code of ['SS', 'BQ', 'CW', 'SX', 'AX', 'PS', 'TW', 'HK'])
      expect(iso3166Alpha2.has(code)).toBe(true);
    for (const code of ['UK', 'EU', 'EL', 'XK', 'AN', 'CS', 'YU'])
      expect(iso3166Alpha2.has(code)).toBe(false);
  });
});

describe('countryCodeSchema and memberIdSchema', () => {
  it('name GB when given UK', () => {
    expect(countryCodeSchema.safeParse('UK').error?.issues[0]?.message).toMatch(/use GB/);
  });

  it('accept EU only as a member id', () => {
    expect(memberIdSchema.safeParse('EU').success).toBe(true);
    expect(countryCodeSchema.safeParse('EU').success).toBe(false);
  });

  it.each(['CHN', 'uk', 'UK', 'XX', '', 'D E'])('member id rejects %j', (id) => {
    expect(memberIdSchema.safeParse(id).success).toBe(false);
  });
});
