import { describe, expect, it } from 'vitest';
import { maxObservationBodyBytes, observationBodySchema } from '../../schemas/observation/body.js';
import { mutateSeed } from './seed-fixtures.js';

const accepts = (body: unknown) =>
  expect(observationBodySchema.safeParse(body).error?.issues).toBeUndefined();
const rejectsAt = (body: unknown, path: (string | number)[]) =>
  expect(observationBodySchema.safeParse(body).error?.issues.map((issue) => issue.path)).toContainEqual(path);

describe('accepted edge cases', () => {
  it('effective 2018 after announced 2018-03-18: the intervals overlap', () => {
    const body = mutateSeed(15, () => {});
    expect(body.dates).toEqual({
      announced: { value: '2018-03-18', precision: 'day' },
      effective: { value: '2018', precision: 'year' },
    });
    accepts(body);
  });

  it('effective 2018-03 with announced 2018-03-31 overlap too, but 2018-02 does not', () => {
    const overlapping = mutateSeed(15, (b) => {
      b.dates = {
        announced: { value: '2018-03-31', precision: 'day' },
        effective: { value: '2018-03', precision: 'month' },
      };
    });
    accepts(overlapping);
    rejectsAt(
      mutateSeed(15, (b) => {
        b.dates = {
          announced: { value: '2018-03-01', precision: 'day' },
          effective: { value: '2018-02', precision: 'month' },
        };
      }),
      ['dates', 'effective'],
    );
  });

  it('a same-month observed period and a leap day', () => {
    accepts(
      mutateSeed(6, (b) => {
        b.dates.observedFrom = { value: '2024-02-29', precision: 'day' };
        b.dates.observedTo = { value: '2024-02', precision: 'month', qualifier: 'late' };
      }),
    );
  });

  it('x-<memberId> extensions with any JSON value, at the top level only', () => {
    const body = mutateSeed(0, (b) => {
      b['x-DE'] = { caseFile: 'BAFA-2024-117', tags: ['gallium', 3, null, true] };
      b['x-EU'] = 'note';
    });
    expect(observationBodySchema.parse(body)).toMatchObject({ 'x-DE': body['x-DE'], 'x-EU': 'note' });
    rejectsAt(
      mutateSeed(0, (b) => {
        b.observation['x-DE'] = 1;
      }),
      ['observation'],
    );
  });

  it('an extension value that is not JSON is rejected at its key', () => {
    rejectsAt(
      mutateSeed(0, (b) => {
        b['x-FR'] = { at: new Date(0) };
      }),
      ['x-FR'],
    );
  });

  it('HS items with national codes under their HS6, and a dual-use and catalogue item with codes', () => {
    accepts(
      mutateSeed(0, (b) => {
        b.items.push(
          { scheme: 'CN_DUAL_USE_CODE', code: '1C902.a', label: 'gallium' },
          {
            scheme: 'CN_TECH_CATALOGUE',
            code: '083901J',
            category: 'prohibited_proposed',
            label: 'magnet technology',
          },
          { scheme: 'HS_HEADING', code: '8112', hsVersion: 'HS2022' },
        );
        b.items[1].nationalCodes.push({ scheme: 'EU_CN', code: '81129910' });
      }),
    );
  });

  it('a catalogue code whose suffix contradicts its category is rejected', () => {
    rejectsAt(
      mutateSeed(12, (b) => {
        b.items[0].code = '083901X';
      }),
      ['items', 0, 'code'],
    );
  });

  it('TLP:AMBER with member recipients, EU included', () => {
    accepts(
      mutateSeed(9, (b) => {
        b.tlp = 'TLP:AMBER';
        b.recipients = ['SE', 'DE', 'EU'];
      }),
    );
  });

  it('a licence with consistent day dates and elapsedDays; inconsistent ones are rejected', () => {
    const withLicense = (elapsedDays: number) =>
      mutateSeed(7, (b) => {
        b.observation.kind = 'license_delayed';
        b.observation.license = {
          outcome: 'delayed',
          submittedOn: { value: '2024-01-08', precision: 'day' },
          decidedOn: { value: '2024-05-07', precision: 'day' },
          elapsedDays,
          basis: 'company_report',
        };
      });
    accepts(withLicense(120));
    rejectsAt(withLicense(119), ['observation', 'license', 'elapsedDays']);
  });

  it('a body over the size limit is rejected even when every field is within its own limit', () => {
    const big = mutateSeed(0, (b) => {
      b.notes = 'n'.repeat(4000);
      b.evidence = Array.from({ length: 30 }, () => ({
        ...b.evidence[0],
        citation: 'c'.repeat(1000),
        title: 't'.repeat(500),
      }));
      b.items = Array.from({ length: 40 }, () => ({
        ...b.items[0],
        label: 'l'.repeat(300),
        note: 'o'.repeat(1000),
      }));
    });
    expect(JSON.stringify(big).length).toBeGreaterThan(maxObservationBodyBytes);
    rejectsAt(big, []);
  });

  it('the same measure twice is rejected', () => {
    rejectsAt(
      mutateSeed(3, (b) => {
        b.measureRefs.push(b.measureRefs[0]);
      }),
      ['measureRefs', 2, 'measureKey'],
    );
  });
});
