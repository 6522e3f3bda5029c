import { type Draft, mutateSeed } from './seed-fixtures.js';

/** One invalid body and where its first complaint must point. `keys` names the offending unknown keys. */
export interface BadInput {
  rule: string;
  name: string;
  body: unknown;
  path: (string | number)[];
  keys?: string[];
}

// Seed bodies used as bases: 0 = gallium/germanium announcement (confirmed, HS items with national codes),
// 7 = suspected licence delay, 9 = Swedish graphite halt (provisional key, entities, observed period).
const bad = (
  rule: string,
  name: string,
  base: number,
  change: (body: Draft) => void,
  path: BadInput['path'],
) => ({
  rule,
  name,
  body: mutateSeed(base, change),
  path,
});

const officialEvidenceHash = (sha256: string) => (b: Draft) => {
  b.evidence[0].documentHash = { sha256 };
};

export const badInputs: BadInput[] = [
  bad('1 HS codes', 'HS code written with a dot', 0, (b) => (b.items[0].code = '8112.92'), [
    'items',
    0,
    'code',
  ]),
  bad('1 HS codes', 'HS code of 5 digits', 0, (b) => (b.items[0].code = '81129'), ['items', 0, 'code']),
  bad('1 HS codes', 'HS chapter 00', 0, (b) => (b.items[0].code = '001292'), ['items', 0, 'code']),
  bad('1 HS codes', 'HS chapter 77', 0, (b) => (b.items[0].code = '771292'), ['items', 0, 'code']),
  bad('1 HS codes', 'HS chapter 98', 0, (b) => (b.items[0].code = '980100'), ['items', 0, 'code']),
  bad(
    '1 HS codes',
    'national code under another HS6',
    0,
    (b) => (b.items[0].nationalCodes[1].code = '8112999000'),
    ['items', 0, 'nationalCodes', 1, 'code'],
  ),
  bad('1 HS codes', 'national code of 7 digits', 0, (b) => (b.items[0].nationalCodes[0].code = '8112929'), [
    'items',
    0,
    'nationalCodes',
    0,
    'code',
  ]),
  bad(
    '1 HS codes',
    'HS heading in chapter 77',
    0,
    (b) => (b.items[2] = { scheme: 'HS_HEADING', code: '7701', hsVersion: 'HS2022' }),
    ['items', 2, 'code'],
  ),
  bad('2 jurisdictions', 'alpha-3 jurisdiction CHN', 9, (b) => (b.affectedJurisdictions[0].code = 'CHN'), [
    'affectedJurisdictions',
    0,
    'code',
  ]),
  bad('2 jurisdictions', 'lower-case jurisdiction uk', 9, (b) => (b.affectedJurisdictions[0].code = 'uk'), [
    'affectedJurisdictions',
    0,
    'code',
  ]),
  bad('2 jurisdictions', 'UK instead of GB', 9, (b) => (b.affectedJurisdictions[1].code = 'UK'), [
    'affectedJurisdictions',
    1,
    'code',
  ]),
  bad(
    '2 jurisdictions',
    'implementing jurisdiction CHN',
    0,
    (b) => (b.measureRefs[0].implementingJurisdiction = 'CHN'),
    ['measureRefs', 0, 'implementingJurisdiction'],
  ),
  bad('2 jurisdictions', 'entity country uk', 9, (b) => (b.entities[0].country = 'uk'), [
    'entities',
    0,
    'country',
  ]),
  bad(
    '2 jurisdictions',
    'group excluding XX',
    9,
    (b) => (b.affectedGroups = [{ group: 'OECD', excluding: ['XX'] }]),
    ['affectedGroups', 0, 'excluding', 0],
  ),
  bad(
    '2 jurisdictions',
    'recipient UK',
    0,
    (b) => {
      b.tlp = 'TLP:AMBER';
      b.recipients = ['DE', 'UK'];
    },
    ['recipients', 1],
  ),
  bad('3 dates', 'impossible day 2023-02-30', 0, (b) => (b.dates.announced.value = '2023-02-30'), [
    'dates',
    'announced',
    'value',
  ]),
  bad('3 dates', 'month value with day precision', 0, (b) => (b.dates.announced.value = '2023-07'), [
    'dates',
    'announced',
    'value',
  ]),
  bad(
    '3 dates',
    'day value with year precision',
    0,
    (b) => (b.dates.effective = { value: '2023-08-01', precision: 'year' }),
    ['dates', 'effective', 'value'],
  ),
  bad(
    '3 dates',
    'observedTo before observedFrom',
    9,
    (b) => (b.dates.observedTo = { value: '2019', precision: 'year' }),
    ['dates', 'observedTo'],
  ),
  bad(
    '3 dates',
    'effective before announced',
    0,
    (b) => (b.dates.effective = { value: '2023-06', precision: 'month' }),
    ['dates', 'effective'],
  ),
  bad(
    '3 dates',
    'evidence published in month 13',
    0,
    (b) => (b.evidence[0].publishedOn = { value: '2023-13', precision: 'month' }),
    ['evidence', 0, 'publishedOn', 'value'],
  ),
  bad(
    '4 measure keys',
    'serial with a leading zero',
    0,
    (b) => (b.measureRefs[0].measureKey = 'MOFCOM-GAC-2023-023'),
    ['measureRefs', 0, 'measureKey'],
  ),
  bad(
    '4 measure keys',
    'issuer not on the controlled list',
    0,
    (b) => (b.measureRefs[0].measureKey = 'MOFCOM-XYZ-2023-23'),
    ['measureRefs', 0, 'measureKey'],
  ),
  bad(
    '4 measure keys',
    'issuers in another order',
    0,
    (b) => (b.measureRefs[0].issuingAuthorities = ['GAC', 'MOFCOM']),
    ['measureRefs', 0, 'issuingAuthorities'],
  ),
  bad(
    '4 measure keys',
    'official key typed provisional',
    0,
    (b) => (b.measureRefs[0].keyType = 'provisional'),
    ['measureRefs', 0, 'keyType'],
  ),
  bad(
    '4 measure keys',
    'provisional key in lower case',
    9,
    (b) => (b.measureRefs[0].measureKey = 'PROV-CN-graphite'),
    ['measureRefs', 0, 'measureKey'],
  ),
  bad(
    '4 measure keys',
    'provisional key with unassigned country',
    9,
    (b) => (b.measureRefs[0].measureKey = 'PROV-XX-GRAPHITE'),
    ['measureRefs', 0, 'measureKey'],
  ),
  bad(
    '4 measure keys',
    'alias candidate with a 2-digit year',
    9,
    (b) => (b.measureRefs[0].aliasCandidates[0].measureKey = 'MOFCOM-COSTIND-GAC-06-50'),
    ['measureRefs', 0, 'aliasCandidates', 0, 'measureKey'],
  ),
  bad('5 TLP', 'TLP:WHITE', 0, (b) => (b.tlp = 'TLP:WHITE'), ['tlp']),
  bad('5 TLP', 'lower-case tlp:amber', 0, (b) => (b.tlp = 'tlp:amber'), ['tlp']),
  bad('5 TLP', 'AMBER without prefix', 0, (b) => (b.tlp = 'AMBER'), ['tlp']),
  bad('5 TLP', 'TLP:AMBER without recipients', 0, (b) => (b.tlp = 'TLP:AMBER'), ['recipients']),
  bad(
    '5 TLP',
    'TLP:AMBER+STRICT with empty recipients',
    0,
    (b) => {
      b.tlp = 'TLP:AMBER+STRICT';
      b.recipients = [];
    },
    ['recipients'],
  ),
  bad('5 TLP', 'recipients on TLP:CLEAR', 0, (b) => (b.recipients = ['DE']), ['recipients']),
  bad('6 evidence', 'no evidence', 0, (b) => (b.evidence = []), ['evidence']),
  bad(
    '6 evidence',
    'confirmed without an official source',
    0,
    (b) => (b.evidence = b.evidence.filter((e: Draft) => e.sourceType === 'analytic_report')),
    ['confidence'],
  ),
  bad('6 evidence', 'upper-case document hash', 0, officialEvidenceHash('AB'.repeat(32)), [
    'evidence',
    0,
    'documentHash',
    'sha256',
  ]),
  bad('6 evidence', 'document hash of 63 hex', 0, officialEvidenceHash('a'.repeat(63)), [
    'evidence',
    0,
    'documentHash',
    'sha256',
  ]),
  bad('6 evidence', 'ftp url', 0, (b) => (b.evidence[0].url = 'ftp://archive.is/bNZpf'), [
    'evidence',
    0,
    'url',
  ]),
  bad('6 evidence', 'javascript url', 0, (b) => (b.evidence[1].url = 'javascript:alert(1)'), [
    'evidence',
    1,
    'url',
  ]),
  bad('7 kinds', 'license_delayed without license', 7, (b) => delete b.observation.license, [
    'observation',
    'license',
  ]),
  bad('7 kinds', 'license_denied with a delayed outcome', 7, (b) => (b.observation.kind = 'license_denied'), [
    'observation',
    'license',
    'outcome',
  ]),
  bad('7 kinds', 'export_volume_change without tradeFlow', 9, (b) => delete b.observation.tradeFlow, [
    'observation',
    'tradeFlow',
  ]),
  bad(
    '7 kinds',
    'export_volume_change with only free-text items',
    9,
    (b) => (b.items = [{ scheme: 'FREE_TEXT', label: 'artificial graphite' }]),
    ['items'],
  ),
  bad(
    '7 kinds',
    'seed case 3 as published: free-text items only',
    3,
    (b) => (b.observation.kind = 'export_volume_change'),
    ['items'],
  ),
  {
    ...bad('8 unknown keys', 'envelope field recordId in the body', 0, (b) => (b.recordId = 'x'), []),
    keys: ['recordId'],
  },
  {
    ...bad('8 unknown keys', 'extension for a non-member x-UK', 0, (b) => (b['x-UK'] = {}), []),
    keys: ['x-UK'],
  },
  { ...bad('8 unknown keys', 'lower-case extension x-de', 0, (b) => (b['x-de'] = 1), []), keys: ['x-de'] },
  {
    ...bad('8 unknown keys', 'unknown key in observation', 0, (b) => (b.observation.severity = 'high'), [
      'observation',
    ]),
    keys: ['severity'],
  },
  {
    ...bad('8 unknown keys', 'unknown key in an item', 0, (b) => (b.items[0].hs6 = '811292'), ['items', 0]),
    keys: ['hs6'],
  },
  {
    ...bad('8 unknown keys', 'unknown key in a partial date', 0, (b) => (b.dates.announced.day = 3), [
      'dates',
      'announced',
    ]),
    keys: ['day'],
  },
  bad('limits', 'summary over 2000 characters', 0, (b) => (b.observation.summary = 'x'.repeat(2001)), [
    'observation',
    'summary',
  ]),
];
