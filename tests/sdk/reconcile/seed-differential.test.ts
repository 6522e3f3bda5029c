import { describe, expect, it } from 'vitest';
import type { MeasureReconciliation, Reconciliation } from '../../../sdk/reconcile/index.js';
import { reconcile } from '../../../sdk/reconcile/index.js';
import { seedObservation } from './records.js';

// Seed cases (0-based, as in fixtures/README.md) reported by different members.
const gallium = {
  announcement: seedObservation(0, { author: 'DE' }),
  toZero: seedObservation(1, { author: 'FR' }),
  recovered: seedObservation(2, { author: 'IT' }),
  unaffected: seedObservation(3, { author: 'DE' }),
};
const graphite = [4, 5, 6, 7, 8].map((n, i) =>
  seedObservation(n, { author: ['SE', 'FR', 'JP', 'US', 'IT'][i] as string }),
);
const sweden = {
  halt: seedObservation(9, { author: 'SE' }),
  briefly: seedObservation(10, { author: 'DE' }),
  resumed: seedObservation(11, { author: 'FR' }),
};
const all = [...Object.values(gallium), ...graphite, ...Object.values(sweden)];

function measure(result: Reconciliation, key: string): MeasureReconciliation {
  const found = result.measures.find((entry) => entry.measureKey === key);
  if (!found) throw new Error(`no measure ${key}`);
  return found;
}

describe('differential treatment in the seed', () => {
  const result = reconcile(all);

  it('finds US/JP/NL cut off from gallium/germanium while other destinations recovered', () => {
    const { differentials } = measure(result, 'MOFCOM-GAC-2023-23');
    expect(differentials).toHaveLength(1);
    const [finding] = differentials;
    expect(finding).toMatchObject({
      item: 'HS:811292',
      disadvantaged: ['JP', 'NL', 'US'],
      advantaged: [],
      othersAdvantaged: true,
      othersDisadvantaged: false,
      recordIds: [gallium.toZero.id, gallium.recovered.id].sort(),
      members: ['FR', 'IT'],
      // The recovery record is undated, so the contrast holds for an open period.
      period: { start: null, end: null },
    });
    const recoveryEvidence = finding?.evidence.filter((claim) => claim.recordId === gallium.recovered.id);
    expect(
      recoveryEvidence?.map((claim) => [claim.scope, claim.destination, claim.role, claim.outcomeClass]),
    ).toEqual([
      ['named', 'JP', 'comparator', 'adverse'],
      ['named', 'NL', 'comparator', 'adverse'],
      ['named', 'US', 'comparator', 'adverse'],
      ['others', null, null, 'favourable'],
    ]);
  });

  it('finds Sweden cut off from artificial graphite while Hungary was supplied', () => {
    const { differentials } = measure(result, 'PROV-CN-GRAPHITE-LICENSING-SE');
    expect(differentials).toHaveLength(1);
    expect(differentials[0]).toMatchObject({
      item: 'HS:380110',
      disadvantaged: ['SE'],
      advantaged: ['HU'],
      othersAdvantaged: false,
      period: { start: '2020-01-01', end: '2023-12-31' },
      recordIds: [sweden.halt.id],
      members: ['SE'],
    });
  });

  it('finds nothing for the 2023 graphite controls, where every named destination fared badly', () => {
    const graphiteControls = measure(result, 'MOFCOM-GAC-2023-39');
    expect(graphiteControls.differentials).toEqual([]);
    expect(graphiteControls.conflicts).toEqual([]);
  });

  it('treats the brief January 2023 resumption as neutral: no conflict with the 2020-2023 halt', () => {
    const claims = measure(result, 'PROV-CN-GRAPHITE-LICENSING-SE').claims;
    expect(claims.find((claim) => claim.recordId === sweden.briefly.id)?.outcomeClass).toBe('neutral');
    expect(measure(result, 'PROV-CN-GRAPHITE-LICENSING-SE').conflicts).toEqual([]);
  });

  it('normalizes dates and national codes into claims', () => {
    const claims = measure(result, 'MOFCOM-GAC-2023-23').claims.filter(
      (claim) => claim.recordId === gallium.toZero.id,
    );
    expect(claims.map((claim) => `${claim.item} ${claim.destination}`)).toEqual([
      'HS:285390 JP',
      'HS:285390 NL',
      'HS:285390 US',
      'HS:811292 JP',
      'HS:811292 NL',
      'HS:811292 US',
    ]);
    expect(claims[0]?.period).toEqual({ start: '2023-08-01', end: null });
  });

  it('builds a timeline ordered by interval start, then record id', () => {
    const events = measure(result, 'MOFCOM-GAC-2023-23').timeline;
    expect(events[0]).toMatchObject({
      date: 'announced',
      value: '2023-07-03',
      recordId: gallium.announcement.id,
      member: 'DE',
    });
    const august = events.slice(1).map((event) => [event.recordId, event.date]);
    const expected = [
      [gallium.announcement.id, 'effective'],
      [gallium.toZero.id, 'observedFrom'],
      [gallium.unaffected.id, 'observedFrom'],
    ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
    expect(august).toEqual(expected);
  });

  it('cites only records that count', () => {
    for (const entry of result.measures) {
      const ids = new Set(entry.records.map((record) => record.id));
      for (const finding of [...entry.differentials, ...entry.corroborated]) {
        for (const claim of finding.evidence) expect(ids.has(claim.recordId)).toBe(true);
      }
    }
  });
});
