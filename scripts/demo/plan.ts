import { readFileSync } from 'node:fs';
import type { ObservationBody } from '../../schemas/observation/body.js';
import type { Tlp } from '../../schemas/observation/tlp.js';

export const demoMembers = ['DE', 'FR', 'JP'] as const;
export type DemoMember = (typeof demoMembers)[number];

/** One seed case as one member records it. */
export interface PlannedCase {
  seedIndex: number;
  author: DemoMember;
  tlp: Tlp;
  recipients?: DemoMember[];
}

const clear = 'TLP:CLEAR';
const green = 'TLP:GREEN';

// Gallium (1-3) and graphite (5-11) are split across all three members so a reconciliation has several
// reporters; DE shares one Swedish-graphite case with FR only (AMBER) and keeps the end-user list (RED).
export const demoPlan: readonly PlannedCase[] = [
  { seedIndex: 0, author: 'DE', tlp: clear },
  { seedIndex: 1, author: 'DE', tlp: clear },
  { seedIndex: 4, author: 'DE', tlp: green },
  { seedIndex: 5, author: 'DE', tlp: green },
  { seedIndex: 9, author: 'DE', tlp: 'TLP:AMBER', recipients: ['FR'] },
  { seedIndex: 12, author: 'DE', tlp: clear },
  { seedIndex: 19, author: 'DE', tlp: 'TLP:RED' },
  { seedIndex: 2, author: 'FR', tlp: clear },
  { seedIndex: 6, author: 'FR', tlp: green },
  { seedIndex: 10, author: 'FR', tlp: clear },
  { seedIndex: 13, author: 'FR', tlp: green },
  { seedIndex: 16, author: 'FR', tlp: clear },
  { seedIndex: 18, author: 'FR', tlp: green },
  { seedIndex: 3, author: 'JP', tlp: green },
  { seedIndex: 7, author: 'JP', tlp: clear },
  { seedIndex: 8, author: 'JP', tlp: green },
  { seedIndex: 11, author: 'JP', tlp: clear },
  { seedIndex: 14, author: 'JP', tlp: clear },
  { seedIndex: 15, author: 'JP', tlp: green },
  { seedIndex: 17, author: 'JP', tlp: clear },
];

/** Measures whose reconciliation the demo shows, with a short name for people. */
export const showcaseMeasures = [
  { key: 'MOFCOM-GAC-2023-23', name: 'gallium and germanium, 2023' },
  { key: 'PROV-CN-GRAPHITE-LICENSING-SE', name: 'artificial graphite to Sweden' },
] as const;

const labelOrder = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];

/** The labels `member` gives its cases, e.g. `3 CLEAR, 2 GREEN, 1 AMBER to FR, 1 RED`. */
export function labelTally(member: DemoMember): string {
  const own = demoPlan
    .filter((p) => p.author === member)
    .sort((a, b) => labelOrder.indexOf(a.tlp) - labelOrder.indexOf(b.tlp));
  const labels = own.map(
    (p) => p.tlp.replace('TLP:', '') + (p.recipients ? ` to ${p.recipients.join(',')}` : ''),
  );
  return [...new Set(labels)].map((l) => `${labels.filter((x) => x === l).length} ${l}`).join(', ');
}

const seedFile = new URL('../../fixtures/seed-observations.json', import.meta.url);

/** The body a member posts for a planned case: the seed case with the planned label. */
export function plannedBody(planned: PlannedCase, seed: readonly ObservationBody[]): ObservationBody {
  const { recipients: _dropped, ...body } = seed[planned.seedIndex] as ObservationBody;
  return { ...body, tlp: planned.tlp, ...(planned.recipients ? { recipients: planned.recipients } : {}) };
}

export function readSeed(): ObservationBody[] {
  return JSON.parse(readFileSync(seedFile, 'utf8')) as ObservationBody[];
}
