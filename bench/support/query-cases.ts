import { encodeCursor } from '../../api/records/list.js';
import { type ListObservationsQuery, listObservationsQuerySchema } from '../../schemas/api/observations.js';
import type { ObservationBody } from '../../schemas/observation/body.js';
import type { z } from '../../schemas/zod.js';
import { benchCreatedAt } from './created-at.js';
import type { Random } from './prng.js';
import { tlpWeights } from './vocabulary.js';

type QueryInput = z.input<typeof listObservationsQuerySchema>;

/** One filter of GET /v1/observations with the parameter variants its timed runs cycle through. */
export interface QueryCase {
  name: string;
  queries: ListObservationsQuery[];
}

interface CaseContext {
  bodies: readonly ObservationBody[];
  member: string;
  random: Random;
  variants: number;
}

const addMonths = (yearMonth: string, months: number) => {
  const [year = 0, month = 1] = yearMonth.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1 + months, 1));
  return date.toISOString().slice(0, 7);
};

/**
 * The filters the benchmark times, with values drawn from the loaded bodies, so popular values (a busy
 * measure, US) come up as often as in the data and no filter is timed on a value that matches nothing
 * (except `author (other member)`, which is meant to).
 */
export function queryCases(context: CaseContext): QueryCase[] {
  const { bodies, member, random, variants } = context;
  // Draws bodies until one has what `value` needs (it answers undefined otherwise) and builds a query from it.
  const from = (value: (body: ObservationBody) => QueryInput | undefined) => (): QueryInput => {
    for (;;) {
      const query = value(random.pick(bodies));
      if (query) return query;
    }
  };
  const pickOf = <T>(list: readonly T[]) => (list.length > 0 ? random.pick(list) : undefined);
  const hsCode = (b: ObservationBody) => pickOf(b.items.flatMap((i) => (i.scheme === 'HS' ? [i] : [])))?.code;
  const nationalCode = (b: ObservationBody) =>
    pickOf(b.items.flatMap((i) => (i.scheme === 'HS' ? (i.nationalCodes ?? []) : [])))?.code;
  const deepCursor = () => encodeCursor(random.int(Math.max(1, Math.floor(bodies.length / 10))));
  const cases: Array<[string, () => QueryInput]> = [
    ['no filter (first page)', () => ({})],
    ['measureKey', from((b) => ({ measureKey: random.pick(b.measureRefs).measureKey }))],
    ['instrument', from((b) => ({ instrument: random.pick(b.measureRefs).instrument }))],
    ['kind', from((b) => ({ kind: b.observation.kind }))],
    ['hs code (6 digits)', from((b) => ifSome(hsCode(b), (hs) => ({ hs })))],
    ['hs prefix (4 digits)', from((b) => ifSome(hsCode(b), (hs) => ({ hs: hs.slice(0, 4) })))],
    ['hs chapter (2 digits)', from((b) => ifSome(hsCode(b), (hs) => ({ hs: hs.slice(0, 2) })))],
    ['national code', from((b) => ifSome(nationalCode(b), (hs) => ({ hs })))],
    ['jurisdiction', from((b) => ifSome(pickOf(b.affectedJurisdictions), (j) => ({ jurisdiction: j.code })))],
    [
      'jurisdiction + role',
      from((b) => ifSome(pickOf(b.affectedJurisdictions), (j) => ({ jurisdiction: j.code, role: j.role }))),
    ],
    ['tlp', () => ({ tlp: random.pick(tlpWeights)[0] })],
    ['author (this node: every record)', () => ({ author: member })],
    ['author (other member: none)', () => ({ author: member === 'FR' ? 'DE' : 'FR' })],
    [
      'announced range (3 months)',
      from((b) => ifSome(b.dates.announced, (d) => monthRange('announced', d.value, 3))),
    ],
    [
      'effective range (3 months)',
      from((b) => ifSome(b.dates.effective, (d) => monthRange('effective', d.value, 3))),
    ],
    [
      'observed range (6 months)',
      from((b) => ifSome(b.dates.observedFrom, (d) => monthRange('observed', d.value, 6))),
    ],
    ['created range (7 days)', () => createdWeek(random.int(bodies.length))],
    // Creation time follows the log order, which the planner cannot know: old ranges are its worst case.
    ['created range (oldest quarter)', () => createdBetween(0, Math.floor(bodies.length / 4))],
    ['q (rare word)', from((b) => ({ q: b.observation.summary.split(' ').at(-1) as string }))],
    ['q (common word)', () => ({ q: random.pick(['graphite', 'exports', 'china', 'gallium']) })],
    [
      'combination (instrument + jurisdiction + announced)',
      from((b) =>
        ifSome(b.affectedJurisdictions[0], (j) => ({
          instrument: b.measureRefs[0]?.instrument,
          jurisdiction: j.code,
          announcedFrom: '2015',
        })),
      ),
    ],
    [
      'combination (hs chapter + role + tlp)',
      from((b) =>
        ifSome(hsCode(b), (hs) =>
          ifSome(b.affectedJurisdictions[0], (j) => ({
            hs: hs.slice(0, 2),
            jurisdiction: j.code,
            role: j.role,
            tlp: b.tlp,
          })),
        ),
      ),
    ],
    ['deep page (cursor in oldest 10%)', () => ({ cursor: deepCursor() })],
    ['deep page + kind', from((b) => ({ kind: b.observation.kind, cursor: deepCursor() }))],
    [
      'deep page + measureKey',
      from((b) => ({ measureKey: b.measureRefs[0]?.measureKey, cursor: deepCursor() })),
    ],
    ['page of 500 (max limit)', () => ({ limit: 500 })],
  ];
  return cases.map(([name, make]) => ({
    name,
    queries: Array.from({ length: variants }, () => listObservationsQuerySchema.parse(make())),
  }));
}

const ifSome = <T, R>(value: T | undefined, make: (value: T) => R): R | undefined =>
  value === undefined ? undefined : make(value);

/** `<field>From`/`<field>To` spanning `months` months from the month a partial date starts in. */
function monthRange(
  field: 'announced' | 'effective' | 'observed',
  value: string,
  months: number,
): QueryInput {
  const first = value.length === 4 ? `${value}-01` : value.slice(0, 7);
  return { [`${field}From`]: first, [`${field}To`]: addMonths(first, months - 1) };
}

/** The week of records created after record `index` (records are ten minutes apart). */
function createdWeek(index: number): QueryInput {
  return createdBetween(index, index + 7 * 144);
}

function createdBetween(first: number, last: number): QueryInput {
  return { createdFrom: benchCreatedAt(first), createdTo: benchCreatedAt(last) };
}
