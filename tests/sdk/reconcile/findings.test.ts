import { describe, expect, it } from 'vitest';
import { SightlineError } from '../../../sdk/errors.js';
import type { MeasureReconciliation, Reconciliation } from '../../../sdk/reconcile/index.js';
import { reconcile } from '../../../sdk/reconcile/index.js';
import { seedObservation } from './records.js';

const day = (value: string) => ({
  value,
  precision: value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day',
});

function measure(result: Reconciliation, key: string): MeasureReconciliation {
  const found = result.measures.find((entry) => entry.measureKey === key);
  if (!found) throw new Error(`no measure ${key}`);
  return found;
}

/** Seed case 9 (artificial graphite to Sweden) rewritten: one outcome for the given jurisdictions. */
function graphiteFlow(
  author: string,
  change: string,
  jurisdictions: [string, string][],
  from: string,
  to?: string,
) {
  return seedObservation(
    9,
    { author, variant: `${change}${JSON.stringify(jurisdictions)}${from}${to}` },
    {
      observation: {
        kind: 'export_volume_change',
        summary: 'test',
        tradeFlow: { flow: 'export', change, metric: 'volume' },
      },
      affectedJurisdictions: jurisdictions.map(([code, role]) => ({ code, role })),
      dates: to ? { observedFrom: day(from), observedTo: day(to) } : { observedFrom: day(from) },
    },
  );
}

const SE_KEY = 'PROV-CN-GRAPHITE-LICENSING-SE';

describe('differentials', () => {
  it('finds nothing when every destination fares the same', () => {
    const result = reconcile([
      graphiteFlow('SE', 'to_zero', [['SE', 'destination']], '2021', '2022'),
      graphiteFlow('HU', 'to_zero', [['HU', 'destination']], '2021-06', '2023'),
      graphiteFlow(
        'PL',
        'decrease',
        [
          ['PL', 'destination'],
          ['CZ', 'destination'],
        ],
        '2022',
      ),
    ]);
    expect(measure(result, SE_KEY).differentials).toEqual([]);
  });

  it('contrasts destinations reported by different members over overlapping periods', () => {
    const cutOff = graphiteFlow('SE', 'to_zero', [['SE', 'destination']], '2021', '2022');
    const supplied = graphiteFlow('HU', 'increase', [['HU', 'destination']], '2022-03', '2024');
    const [finding, ...rest] = measure(reconcile([cutOff, supplied]), SE_KEY).differentials;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      disadvantaged: ['SE'],
      advantaged: ['HU'],
      period: { start: '2022-03-01', end: '2022-12-31' },
      recordIds: [cutOff.id, supplied.id].sort(),
      members: ['HU', 'SE'],
    });
  });

  it('finds nothing when the periods do not overlap', () => {
    const result = reconcile([
      graphiteFlow('SE', 'to_zero', [['SE', 'destination']], '2020', '2021'),
      graphiteFlow('HU', 'increase', [['HU', 'destination']], '2022-01', '2022-06'),
    ]);
    expect(measure(result, SE_KEY).differentials).toEqual([]);
  });

  it('keeps one finding while destinations come and go on the same sides', () => {
    const cutOff = graphiteFlow('SE', 'to_zero', [['SE', 'destination']], '2021', '2023');
    const hungary = graphiteFlow('HU', 'increase', [['HU', 'destination']], '2021', '2021');
    const poland = graphiteFlow('PL', 'no_change', [['PL', 'destination']], '2022', '2023');
    const findings = measure(reconcile([cutOff, hungary, poland]), SE_KEY).differentials;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      disadvantaged: ['SE'],
      advantaged: ['HU', 'PL'],
      period: { start: '2021-01-01', end: '2023-12-31' },
      members: ['HU', 'PL', 'SE'],
    });
  });

  it('starts a new finding when a destination changes sides', () => {
    const findings = measure(
      reconcile([
        graphiteFlow(
          'SE',
          'to_zero',
          [
            ['SE', 'destination'],
            ['HU', 'comparator'],
          ],
          '2021',
          '2021',
        ),
        graphiteFlow(
          'HU',
          'to_zero',
          [
            ['HU', 'destination'],
            ['SE', 'comparator'],
          ],
          '2022',
          '2022',
        ),
      ]),
      SE_KEY,
    ).differentials;
    expect(
      findings.map((finding) => [finding.period.start, finding.disadvantaged, finding.advantaged]),
    ).toEqual([
      ['2021-01-01', ['SE'], ['HU']],
      ['2022-01-01', ['HU'], ['SE']],
    ]);
  });

  it('leaves out a destination reported both ways (a conflict, not a side)', () => {
    const result = reconcile([
      graphiteFlow(
        'SE',
        'to_zero',
        [
          ['SE', 'destination'],
          ['HU', 'comparator'],
        ],
        '2021',
        '2021',
      ),
      graphiteFlow('HU', 'to_zero', [['HU', 'destination']], '2021', '2021'),
    ]);
    const entry = measure(result, SE_KEY);
    expect(entry.differentials).toEqual([]);
    expect(entry.conflicts.map((clash) => [clash.destination, clash.members])).toEqual([
      ['HU', ['HU', 'SE']],
    ]);
  });

  it('matches an HS heading against the HS6 codes under it', () => {
    const cutOff = graphiteFlow('SE', 'to_zero', [['SE', 'destination']], '2021', '2022');
    const granted = seedObservation(
      9,
      { author: 'HU' },
      {
        observation: { kind: 'license_granted', summary: 'test', license: { outcome: 'granted' } },
        items: [{ scheme: 'HS_HEADING', code: '3801' }],
        affectedJurisdictions: [{ code: 'HU', role: 'destination' }],
        dates: { observedFrom: day('2022-05-10'), observedTo: day('2022-05-10') },
      },
    );
    const [finding] = measure(reconcile([cutOff, granted]), SE_KEY).differentials;
    expect(finding).toMatchObject({ item: 'HS:380110', disadvantaged: ['SE'], advantaged: ['HU'] });
    expect(finding?.period).toEqual({ start: '2022-05-10', end: '2022-05-10' });
    expect(finding?.evidence.find((claim) => claim.recordId === granted.id)?.item).toBe('HS_HEADING:3801');
  });
});

describe('claims across members', () => {
  it('corroborates the same claim from two members, not from one member twice', () => {
    const first = graphiteFlow('SE', 'to_zero', [['SE', 'destination']], '2021', '2022');
    const sameMember = graphiteFlow('SE', 'decrease', [['SE', 'destination']], '2022', '2023');
    expect(measure(reconcile([first, sameMember]), SE_KEY).corroborated).toEqual([]);
    const otherMember = graphiteFlow('DE', 'decrease', [['SE', 'destination']], '2022', '2023');
    const [agreement] = measure(reconcile([first, otherMember]), SE_KEY).corroborated;
    expect(agreement).toMatchObject({
      kind: 'trade_flow',
      item: 'HS:380110',
      destination: 'SE',
      outcomeClass: 'adverse',
      members: ['DE', 'SE'],
      period: { start: '2021-01-01', end: '2023-12-31' },
    });
    expect(agreement?.evidence.map((claim) => claim.outcome).sort()).toEqual(['decrease', 'to_zero']);
  });

  it('reports contradicting outcomes for the same destination and overlapping period', () => {
    const resumed = seedObservation(11, { author: 'FR' });
    const stillZero = graphiteFlow('SE', 'to_zero', [['SE', 'destination']], '2024-06');
    const [clash, ...rest] = measure(reconcile([resumed, stillZero]), SE_KEY).conflicts;
    expect(rest).toEqual([]);
    expect(clash).toMatchObject({
      item: 'HS:380110',
      destination: 'SE',
      period: { start: '2024-06-01', end: null },
      members: ['FR', 'SE'],
    });
    expect([clash?.adverse.recordId, clash?.favourable.recordId]).toEqual([stillZero.id, resumed.id]);
  });
});

describe('measure assertions', () => {
  it('marks agreeing members corroborated and names the field members disagree on', () => {
    const inForce = seedObservation(0, { author: 'DE' });
    const alsoInForce = seedObservation(1, { author: 'FR' });
    const revoked = seedObservation(
      2,
      { author: 'IT' },
      {
        measureRefs: [
          {
            ...(seedObservation(2, { author: 'IT' }).record as { measureRefs: object[] }).measureRefs[0],
            status: 'revoked',
          },
        ],
      },
    );
    const assertions = measure(reconcile([inForce, alsoInForce, revoked]), 'MOFCOM-GAC-2023-23').assertions;
    expect(assertions.find((entry) => entry.field === 'instrument')?.agreement).toBe('corroborated');
    expect(assertions.find((entry) => entry.field === 'status')).toEqual({
      field: 'status',
      agreement: 'conflict',
      assertions: [
        { member: 'DE', value: 'in_force', recordIds: [inForce.id] },
        { member: 'FR', value: 'in_force', recordIds: [alsoInForce.id] },
        { member: 'IT', value: 'revoked', recordIds: [revoked.id] },
      ],
    });
  });

  it('takes a member’s newest statement by the instant, to any fraction of a second, in any input order', () => {
    // Text and Date.parse (milliseconds) disagree on these: the order must still be one order.
    const stamps = ['00.0002', '00.0001', '00.0003', '00.0002', '00', '00.0001', '00.0002'];
    const statuses = ['in_force', 'revoked', 'suspended', 'in_force', 'revoked', 'in_force', 'revoked'];
    const records = stamps.map((stamp, index) => {
      const base = seedObservation(0, { author: 'DE', variant: `${index}` });
      const ref = (base.record as { measureRefs: object[] }).measureRefs[0];
      return seedObservation(
        0,
        { author: 'DE', variant: `${index}`, createdAt: `2026-11-28T12:00:${stamp}Z` },
        { measureRefs: [{ ...ref, status: statuses[index] }] },
      );
    });
    const statusOf = (input: typeof records) =>
      measure(reconcile(input), 'MOFCOM-GAC-2023-23').assertions.find((entry) => entry.field === 'status');
    expect(statusOf(records)?.assertions).toEqual([
      { member: 'DE', value: 'suspended', recordIds: [records[2]?.id] },
    ]);
    expect(statusOf([...records].reverse())).toEqual(statusOf(records));
  });

  it('compares partial dates as intervals', () => {
    const month = seedObservation(0, { author: 'DE' });
    const sameDay = seedObservation(0, { author: 'FR' }, { dates: { effective: day('2023-08-01') } });
    const effective = (records: (typeof month)[]) =>
      measure(reconcile(records), 'MOFCOM-GAC-2023-23').assertions.find(
        (entry) => entry.field === 'effective',
      );
    expect(effective([month, sameDay])?.agreement).toBe('corroborated');
    const later = seedObservation(0, { author: 'FR' }, { dates: { effective: day('2023-09') } });
    expect(effective([month, later])).toMatchObject({
      agreement: 'conflict',
      assertions: [
        { member: 'DE', value: '2023-08', period: { start: '2023-08-01', end: '2023-08-31' } },
        { member: 'FR', value: '2023-09', period: { start: '2023-09-01', end: '2023-09-30' } },
      ],
    });
  });
});

describe('aliases', () => {
  const halt = seedObservation(9, { author: 'SE' });
  const official = seedObservation(
    4,
    { author: 'DE' },
    {
      measureRefs: [{ measureKey: 'MOFCOM-COSTIND-GAC-2006-50', status: 'in_force' }],
    },
  );

  it('never merges keys on its own, but lists the candidates members proposed', () => {
    const result = reconcile([halt, official]);
    expect(result.measures.map((entry) => entry.measureKey)).toEqual([
      'MOFCOM-COSTIND-GAC-2006-50',
      'PROV-CN-GRAPHITE-LICENSING-SE',
    ]);
    expect(measure(result, SE_KEY).aliasCandidates).toEqual([
      { measureKey: 'MOFCOM-COSTIND-GAC-2006-50', proposedBy: [{ id: halt.id, member: 'SE' }] },
    ]);
  });

  it('merges keys through the alias map, following chains', () => {
    const result = reconcile([halt, official], {
      aliases: { [SE_KEY]: 'OLD-KEY', 'OLD-KEY': 'MOFCOM-COSTIND-GAC-2006-50' },
    });
    expect(result.measures).toHaveLength(1);
    expect(result.measures[0]).toMatchObject({
      measureKey: 'MOFCOM-COSTIND-GAC-2006-50',
      mergedKeys: [SE_KEY],
      members: ['DE', 'SE'],
      aliasCandidates: [],
    });
  });

  it('rejects an alias cycle', () => {
    const attempt = () => reconcile([halt], { aliases: { A: 'B', B: 'A' } });
    expect(attempt).toThrow(SightlineError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_alias_map' }));
  });
});

describe('bounds', () => {
  const adverse = ['2021', '2022', '2023'].map((year) =>
    graphiteFlow('SE', 'to_zero', [['SE', 'destination']], '2020', year),
  );
  const favourable = ['2021', '2022', '2023'].map((year) =>
    graphiteFlow('DE', 'resumed', [['SE', 'destination']], year),
  );

  it('computes every conflict pair under the limit', () => {
    expect(measure(reconcile([...adverse, ...favourable]), SE_KEY).conflicts).toHaveLength(6);
  });

  it('stops at maxFindingsPerBucket and says so', () => {
    const entry = measure(reconcile([...adverse, ...favourable], { maxFindingsPerBucket: 2 }), SE_KEY);
    expect(entry.conflicts).toHaveLength(2);
    expect(entry.truncated).toEqual([
      { finding: 'conflict', item: 'HS:380110', destination: 'SE', limit: 2 },
    ]);
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => reconcile([], { maxFindingsPerBucket: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_option' }),
    );
  });
});

describe('timeline', () => {
  it('orders events by interval start, then record id, then field', () => {
    // Announced, effective and observed from one day: their events tie on the start, within and across records.
    const sameDay = {
      announced: day('2020-07-01'),
      effective: day('2020-07-01'),
      observedFrom: day('2020-07-01'),
    };
    const records = ['SE', 'HU', 'PL'].map((author) => seedObservation(9, { author }, { dates: sameDay }));
    records.push(seedObservation(9, { author: 'JP' }, { dates: { announced: day('2020-06') } }));
    const events = measure(reconcile(records), SE_KEY).timeline;

    expect(events[0]).toMatchObject({
      date: 'announced',
      period: { start: '2020-06-01', end: '2020-06-30' },
    });
    const ids = records
      .slice(0, 3)
      .map((record) => record.id)
      .sort();
    expect(events.slice(1).map((event) => [event.recordId, event.date])).toEqual(
      ids.flatMap((id) => ['announced', 'effective', 'observedFrom'].map((field) => [id, field])),
    );
  });
});
