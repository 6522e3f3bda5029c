import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareClaims } from '../../../sdk/reconcile/claim-entry.js';
import { compareStrings } from '../../../sdk/reconcile/compare.js';
import { type Claim, reconcile } from '../../../sdk/reconcile/index.js';
import type { RecordVerification, VerifiedRecord } from '../../../sdk/record/types.js';
import { failure, observation, retraction } from './records.js';

const MEMBERS = ['DE', 'FR', 'SE', 'HU', 'JP'];
const ITEMS = [
  { scheme: 'HS', code: '380110', nationalCodes: [{ scheme: 'CN_CUSTOMS', code: '3801100030' }] },
  { scheme: 'HS', code: '380190' },
  { scheme: 'HS_HEADING', code: '3801' },
  { scheme: 'FREE_TEXT', label: 'Spherical  graphite' },
];
const DATES = ['2020', '2021-06', '2021-06-15', '2022', '2022-02', '2023'];
const precision = (value: string) => (value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day');

const specArbitrary = fc.record({
  author: fc.constantFrom(...MEMBERS),
  measures: fc.subarray(['MOFCOM-GAC-2023-39', 'PROV-CN-GRAPHITE-LICENSING-SE', 'MOFCOM-GAC-2023-23'], {
    minLength: 1,
  }),
  status: fc.constantFrom('in_force', 'unofficial'),
  items: fc.subarray(ITEMS, { minLength: 1 }),
  outcome: fc.oneof(
    fc.record({
      kind: fc.constant('export_volume_change'),
      change: fc.constantFrom('to_zero', 'increase', 'resumed_briefly', 'decrease'),
    }),
    fc.record({
      kind: fc.constant('license_denied'),
      outcome: fc.constantFrom('denied', 'granted', 'conditioned'),
    }),
  ),
  jurisdictions: fc.uniqueArray(
    fc.record({
      code: fc.constantFrom('SE', 'HU', 'US', 'JP'),
      role: fc.constantFrom('destination', 'targeted', 'comparator', 'excluded', 'context'),
    }),
    { selector: (entry) => entry.code, maxLength: 3 },
  ),
  from: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
  to: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
  effective: fc.option(fc.constantFrom(...DATES), { nil: undefined }),
  createdAt: fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00.500Z'),
  op: fc.constantFrom(
    'observe',
    'observe',
    'supersede',
    'supersede_foreign',
    'retract',
    'retract_foreign',
    'fail',
  ),
  target: fc.nat(),
  variant: fc.nat({ max: 3 }),
});
type Spec = typeof specArbitrary extends fc.Arbitrary<infer T> ? T : never;

function body(spec: Spec) {
  const outcome =
    'change' in spec.outcome
      ? { kind: spec.outcome.kind, summary: 's', tradeFlow: { flow: 'export', change: spec.outcome.change } }
      : { kind: spec.outcome.kind, summary: 's', license: { outcome: spec.outcome.outcome } };
  const dates: Record<string, unknown> = {};
  for (const [field, value] of [
    ['observedFrom', spec.from],
    ['observedTo', spec.to],
    ['effective', spec.effective],
  ]) {
    if (value) dates[field as string] = { value, precision: precision(value) };
  }
  return {
    measureRefs: spec.measures.map((measureKey) => ({
      measureKey,
      status: spec.status,
      instrument: 'dual_use_export_control',
      legalBasis: ['CN_EXPORT_CONTROL_LAW'],
      aliasCandidates: [{ measureKey: 'MOFCOM-COSTIND-GAC-2006-50' }],
    })),
    observation: outcome,
    items: spec.items,
    affectedJurisdictions: spec.jurisdictions,
    dates,
    tlp: 'TLP:CLEAR',
  };
}

/** Builds records in order, so supersedes and retractions point at records built before them. */
function build(specs: Spec[]): RecordVerification[] {
  const records: RecordVerification[] = [];
  const observations: VerifiedRecord[] = [];
  specs.forEach((spec, index) => {
    const target = observations.length > 0 ? observations[spec.target % observations.length] : undefined;
    const envelope = { author: spec.author, createdAt: spec.createdAt, variant: `${index}.${spec.variant}` };
    if (spec.op === 'fail') {
      records.push(failure('bad_signature', 'signature does not verify', target?.id));
    } else if (target && (spec.op === 'retract' || spec.op === 'retract_foreign')) {
      records.push(retraction(target, spec.op === 'retract' ? target.author : spec.author, spec.createdAt));
    } else {
      const supersedes = target && spec.op.startsWith('supersede') ? target.id : undefined;
      const author = target && spec.op === 'supersede' ? target.author : spec.author;
      const record = observation(body(spec), { ...envelope, author, ...(supersedes ? { supersedes } : {}) });
      observations.push(record);
      records.push(record);
    }
  });
  return records;
}

const scenario = fc
  .array(specArbitrary, { maxLength: 30 })
  .map(build)
  .chain((records) => fc.subarray(records))
  .chain((subset) =>
    fc.tuple(
      fc.constant(subset),
      fc.shuffledSubarray(subset, { minLength: subset.length, maxLength: subset.length }),
      fc.array(fc.nat(), { maxLength: 10 }),
    ),
  );

describe('reconcile is deterministic', () => {
  it('gives deep-equal results for any order of the same records, with duplicates added', () => {
    fc.assert(
      fc.property(scenario, ([subset, permuted, duplicates]) => {
        const withDuplicates = [...permuted];
        if (subset.length > 0) {
          for (const index of duplicates)
            withDuplicates.splice(
              index % (withDuplicates.length + 1),
              0,
              subset[index % subset.length] as RecordVerification,
            );
        }
        expect(reconcile(withDuplicates)).toStrictEqual(reconcile(subset));
      }),
      { numRuns: 200 },
    );
  });

  it('orders each measure’s claims by period, then record, then every other field', () => {
    // Open ends as the lowest and highest text, so ISO days compare as text between them.
    const start = (claim: Claim) => claim.period.start ?? '';
    const end = (claim: Claim) => claim.period.end ?? '\uffff';
    const inOrder = (a: Claim, b: Claim) =>
      compareStrings(start(a), start(b)) || compareStrings(end(a), end(b)) || compareClaims(a, b);
    for (const [subset] of fc.sample(scenario, { numRuns: 200, seed: 7 })) {
      for (const { claims } of reconcile(subset).measures) {
        expect(claims).toEqual([...claims].sort(inOrder));
      }
    }
  });

  it('is exercised by generated sets that contain every kind of finding', () => {
    const totals = { differentials: 0, conflicts: 0, corroborated: 0, forks: 0, retracted: 0, excluded: 0 };
    for (const [subset] of fc.sample(scenario, { numRuns: 300, seed: 42 })) {
      const result = reconcile(subset);
      for (const entry of result.measures) {
        totals.differentials += entry.differentials.length;
        totals.conflicts += entry.conflicts.length;
        totals.corroborated += entry.corroborated.length;
      }
      totals.forks += result.forks.length;
      totals.retracted += result.retracted.length;
      totals.excluded += result.excluded.length;
    }
    for (const count of Object.values(totals)) expect(count).toBeGreaterThan(0);
  });
});
