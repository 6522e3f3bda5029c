import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBodies } from '../../api/node/seed.js';
import { createTestNode, type TestNode } from '../support/node.js';
import type { CreatedRecord, RecordPage } from './helpers/types.js';

// Each filter of GET /v1/observations against the 20 seed cases, with expectations written out by hand
// from fixtures/seed-observations.json. Two extra copies of case 19 carry the non-CLEAR labels.
type Name = number | 'amber' | 'green';

let node: TestNode;
const idOf = new Map<Name, string>();
const nameOf = new Map<string, Name>();
let extrasCreatedFrom: string;

async function create(name: Name, body: object) {
  const res = await node.request('/v1/observations', { json: body });
  expect(res.status, await res.clone().text()).toBe(201);
  const { id } = (await res.json()) as CreatedRecord;
  idOf.set(name, id);
  nameOf.set(id, name);
}

beforeAll(async () => {
  node = await createTestNode('DE');
  const bodies = seedBodies();
  for (const [index, body] of bodies.entries()) await create(index, body);
  // createdAt has whole seconds: start the extras on a fresh second so created ranges split them exactly.
  const nextSecond = Math.ceil((Date.now() + 1) / 1000) * 1000;
  await sleep(nextSecond - Date.now() + 5);
  extrasCreatedFrom = new Date(nextSecond).toISOString().replace('.000Z', 'Z');
  const endUsers = bodies[19] as object;
  await create('amber', { ...endUsers, tlp: 'TLP:AMBER', recipients: ['FR', 'NL'] });
  await create('green', { ...endUsers, tlp: 'TLP:GREEN' });
});
afterAll(() => node?.close());

const seeds = Array.from({ length: 20 }, (_, i) => i as Name);
const everything: Name[] = [...seeds, 'amber', 'green'];

/** Names of every record matching `query`, walking all pages. */
async function matching(query: string): Promise<Name[]> {
  const found: Name[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await node.request(`/v1/observations?${query}&limit=500${suffix}`, { role: 'reader' });
    expect(res.status, await res.clone().text()).toBe(200);
    const page = (await res.json()) as RecordPage;
    for (const item of page.items) found.push(nameOf.get(item.id) ?? (`unknown ${item.id}` as never));
    cursor = page.next;
  } while (cursor);
  return found;
}

const sorted = (names: readonly Name[]) => [...names].map(String).sort();

const cases: [string, string, Name[]][] = [
  ['measureKey (official)', 'measureKey=MOFCOM-GAC-2023-23', [0, 1, 2, 3]],
  ['measureKey of a second measure ref', 'measureKey=MOFCOM-GAC-2023-39', [3, 4, 5, 6, 7, 8]],
  ['measureKey (provisional)', 'measureKey=PROV-CN-GRAPHITE-LICENSING-SE', [9, 10, 11]],
  ['measureKey unknown', 'measureKey=MOFCOM-2099-1', []],
  ['instrument', 'instrument=technology_export_catalogue', [12, 13, 14, 16]],
  ['instrument', 'instrument=informal_embargo', [18]],
  ['instrument', 'instrument=end_user_list', [19, 'amber', 'green']],
  ['kind', 'kind=license_delayed', [7]],
  ['kind', 'kind=export_volume_change', [1, 2, 5, 6, 8, 9, 10, 11]],
  ['kind', 'kind=measure_in_force', [13, 18, 19, 'amber', 'green']],
  ['kind with no records', 'kind=license_denied', []],
  ['hs full code', 'hs=811292', [0, 1, 2]],
  ['hs code with a dot', 'hs=8112.92', [0, 1, 2]],
  ['hs prefix (heading)', 'hs=2504', [4, 5, 6, 7, 8]],
  ['hs prefix (chapter)', 'hs=38', [4, 9, 10, 11]],
  ['hs national code', 'hs=2853904030', [1]],
  ['hs national code prefix', 'hs=81129290', [0]],
  ['hs national code of another record', 'hs=2504101000', [4]],
  ['hs matching nothing', 'hs=0101', []],
  ['jurisdiction', 'jurisdiction=US', [1, 2, 6, 7, 16]],
  ['jurisdiction with role', 'jurisdiction=US&role=destination', [1, 6, 7]],
  ['jurisdiction with role comparator', 'jurisdiction=US&role=comparator', [2]],
  ['jurisdiction with role', 'jurisdiction=SE&role=destination', [9, 10, 11]],
  ['jurisdiction with a role it never has', 'jurisdiction=SE&role=comparator', []],
  ['jurisdiction as comparator only', 'jurisdiction=HU', [9]],
  ['tlp CLEAR', 'tlp=TLP:CLEAR', seeds],
  ['tlp AMBER', 'tlp=TLP:AMBER', ['amber']],
  ['tlp GREEN', 'tlp=TLP:GREEN', ['green']],
  ['tlp RED', 'tlp=TLP:RED', []],
  ['author (this node)', 'author=DE', everything],
  ['author (another member)', 'author=FR', []],
  ['announced from', 'announcedFrom=2023-10', [4, 12]],
  ['announced to', 'announcedTo=2023-07', [0, 15, 17]],
  ['announced range, inclusive at both ends', 'announcedFrom=2023-07-04&announcedTo=2023-07-31', [17]],
  ['effective from', 'effectiveFrom=2023-09', [4]],
  ['effective to (a year overlaps its days)', 'effectiveTo=2018-06-30', [15]],
  ['effective within a month', 'effectiveFrom=2023-08-15&effectiveTo=2023-08-15', [0]],
  ['observed from (open-ended observations still run)', 'observedFrom=2024-01', [1, 3, 5, 8, 11, 16, 18]],
  ['observed to', 'observedTo=2019', [18]],
  ['observed range', 'observedFrom=2023-06&observedTo=2023-09', [1, 3, 9, 16, 18]],
  [
    'observed in one closed month',
    'observedFrom=2023-12-01&observedTo=2023-12-31',
    [1, 3, 5, 6, 7, 9, 16, 18],
  ],
  ['q in a summary', 'q=Northvolt', [9]],
  ['q in an item label and summary', 'q=magnets', [12]],
  ['q in a measure title', 'q=Working%20Measures', [15]],
  ['q with every word required', 'q=spherical%20graphite', [5, 6, 7, 8]],
  ['q case-insensitive', 'q=LIDAR', [13]],
  ['q in copies of one case', 'q=blacklist', [19, 'amber', 'green']],
  ['q matching nothing', 'q=zeppelin', []],
  ['filters combine (AND)', 'kind=export_volume_change&jurisdiction=US', [1, 2, 6]],
  ['filters combine (AND)', 'hs=2504&observedFrom=2024', [5, 8]],
];

describe('GET /v1/observations filters', () => {
  it.each(cases)('%s: %s', async (_, query, expected) => {
    expect(sorted(await matching(query))).toEqual(sorted(expected));
  });

  it('created ranges split records at the second they were signed', async () => {
    const from = encodeURIComponent(extrasCreatedFrom);
    const justBefore = new Date(Date.parse(extrasCreatedFrom) - 1000).toISOString().replace('.000Z', 'Z');
    expect(sorted(await matching(`createdFrom=${from}`))).toEqual(sorted(['amber', 'green']));
    expect(sorted(await matching(`createdTo=${encodeURIComponent(justBefore)}`))).toEqual(sorted(seeds));
    expect(await matching('createdFrom=2099-01-01T00:00:00Z')).toEqual([]);
    expect(sorted(await matching('createdFrom=2000-01-01T00:00:00Z&createdTo=2099-01-01T00:00:00Z'))).toEqual(
      sorted(everything),
    );
  });

  it('lists newest first', async () => {
    const names = await matching('instrument=end_user_list');
    expect(names).toEqual(['green', 'amber', 19]);
  });
});

describe('keyset pagination', () => {
  async function walk(query: string, limit: number) {
    const pages: RecordPage[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await node.request(`/v1/observations?limit=${limit}${query}${suffix}`, { role: 'reader' });
      expect(res.status).toBe(200);
      const page = (await res.json()) as RecordPage;
      pages.push(page);
      cursor = page.next;
      expect(pages.length).toBeLessThan(50);
    } while (cursor);
    return pages;
  }

  it('walks all records exactly once, newest first, ending with next: null', async () => {
    const pages = await walk('', 5);
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 5, 5, 2]);
    const ids = pages.flatMap((p) => p.items.map((item) => item.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted(ids.map((id) => nameOf.get(id) as Name))).toEqual(sorted(everything));
    const seqs = pages.flatMap((p) => p.items.map((item) => item.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(pages.at(-1)?.next).toBeNull();
    for (const page of pages.slice(0, -1)) expect(page.next).toEqual(expect.any(String));
  });

  it('ends with next: null when the last page is exactly full', async () => {
    const pages = await walk('', 11);
    expect(pages.map((p) => p.items.length)).toEqual([11, 11]);
    expect(pages[1]?.next).toBeNull();
  });

  it('pages through a filter without leaving it', async () => {
    const pages = await walk('&kind=export_volume_change', 3);
    const names = pages.flatMap((p) => p.items.map((item) => nameOf.get(item.id) as Name));
    expect(sorted(names)).toEqual(sorted([1, 2, 5, 6, 8, 9, 10, 11]));
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives an opaque cursor: not a bare number or id', async () => {
    const [first] = await walk('', 21);
    const next = first?.next as string;
    expect(next).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(next).not.toMatch(/^\d+$/);
    expect(first?.items.map((item) => item.id)).not.toContain(next);
  });

  it('keeps the position of a cursor when newer records arrive', async () => {
    const res = await node.request('/v1/observations?limit=10', { role: 'reader' });
    const first = (await res.json()) as RecordPage;
    const body = { ...(seedBodies()[18] as object) };
    const added = await node.request('/v1/observations', { json: body });
    expect(added.status).toBe(201);
    const newId = ((await added.json()) as CreatedRecord).id;
    const second = (await (
      await node.request(`/v1/observations?limit=10&cursor=${encodeURIComponent(first.next as string)}`, {
        role: 'reader',
      })
    ).json()) as RecordPage;
    const seen = [...first.items, ...second.items].map((item) => item.id);
    expect(new Set(seen).size).toBe(20);
    expect(seen).not.toContain(newId);
  });
});
