import { issuingAuthorities } from '../../schemas/observation/issuers.js';
import type { Random } from './prng.js';

// Value pools of the benchmark data: ordered roughly by how often real observations name them, so skewed
// picks give some values many records (US, export_volume_change) and others few.

export const jurisdictionPool = [
  'US',
  'JP',
  'NL',
  'DE',
  'KR',
  'SE',
  'GB',
  'FR',
  'TW',
  'HU',
  'IT',
  'AU',
  'CA',
  'BE',
  'PL',
  'CZ',
  'ES',
  'AT',
  'FI',
  'DK',
  'IN',
  'VN',
  'MY',
  'TH',
  'SG',
  'RU',
  'UA',
  'BR',
  'MX',
  'TR',
] as const;

export const roles = ['destination', 'targeted', 'excluded', 'comparator', 'context'] as const;

export const instruments = [
  'dual_use_export_control',
  'technology_export_catalogue',
  'informal_embargo',
  'export_ban_goods',
  'end_user_list',
  'ip_transfer_security_review',
  'export_quota',
  'export_reporting_requirement',
  'data_localization',
  'talent_mobility_restriction',
  'export_tax',
  'investment_control',
  'other',
] as const;

export const kinds = [
  'export_volume_change',
  'announcement',
  'license_delayed',
  'measure_in_force',
  'license_denied',
  'license_granted',
  'amendment',
  'enforcement_action',
  'license_conditioned',
  'proposal',
  'revocation',
  'proposal_withdrawn',
  'other',
] as const;

export const statuses = [
  'in_force',
  'in_force',
  'unofficial',
  'proposed',
  'suspended',
  'revoked',
  'unknown',
] as const;

export const legalBases = [
  ['CN_EXPORT_CONTROL_LAW'],
  ['CN_FOREIGN_TRADE_LAW', 'CN_TECH_IMPORT_EXPORT_REGS'],
  ['CN_DUAL_USE_ITEMS_REGS'],
  ['UNKNOWN'],
  ['NONE_PUBLISHED'],
] as const;

export const issuers = issuingAuthorities;

/** Federation members that AMBER records name as recipients. */
export const memberPool = ['DE', 'FR', 'NL', 'SE', 'JP', 'US', 'GB', 'IT', 'KR', 'EU'] as const;

export const tlpWeights = [
  ['TLP:CLEAR', 0.45],
  ['TLP:GREEN', 0.35],
  ['TLP:AMBER', 0.12],
  ['TLP:AMBER+STRICT', 0.05],
  ['TLP:RED', 0.03],
] as const;

/** Topic tokens of provisional measure keys and the first words of titles and labels. */
export const topics = [
  'GRAPHITE',
  'GALLIUM',
  'GERMANIUM',
  'ANTIMONY',
  'TUNGSTEN',
  'LITHIUM',
  'MAGNET',
  'RAREEARTH',
  'LIDAR',
  'DRONE',
  'BATTERY',
  'CATHODE',
  'SOLAR',
  'WAFER',
  'ALGORITHM',
  'SUPERHARD',
  'INDIUM',
  'BISMUTH',
  'TELLURIUM',
  'MOLYBDENUM',
  'VANADIUM',
  'SILICON',
  'POLYSILICON',
  'LASER',
  'CRYPTO',
  'GENE',
  'SEED',
] as const;

// Chapters where export controls on technology-related goods cluster, with real chapters only (no 77).
const hsChapters = [25, 26, 28, 29, 38, 39, 68, 71, 72, 74, 75, 76, 78, 79, 80, 81, 84, 85, 88, 90, 93];
const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** `count` distinct HS subheadings (6 digits) in the chapters above. */
export function hsCodePool(random: Random, count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const chapter = random.pick(hsChapters);
    codes.add(`${pad(chapter, 2)}${pad(random.between(1, 99), 2)}${pad(random.between(0, 99), 2)}`);
  }
  return [...codes];
}

const syllables = ['ka', 'lo', 'mi', 'ran', 'te', 'vo', 'sul', 'dex', 'pri', 'no', 'bar', 'zen', 'ul', 'fi'];

/** `count` distinct made-up words for summaries and labels, so `q` has terms of every frequency. */
export function wordPool(random: Random, count: number): string[] {
  const words = new Set<string>();
  while (words.size < count) {
    const length = random.between(2, 4);
    words.add(Array.from({ length }, () => random.pick(syllables)).join(''));
  }
  return [...words];
}
