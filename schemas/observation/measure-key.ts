import { z } from '../zod.js';
import { countryCodeProblem } from './iso-countries.js';
import { type IssuingAuthority, isIssuingAuthority } from './issuers.js';

export const measureKeyTypeSchema = z.enum(['official_document', 'provisional']).openapi('MeasureKeyType');
export type MeasureKeyType = z.infer<typeof measureKeyTypeSchema>;

export type ParsedMeasureKey =
  | { keyType: 'official_document'; issuers: IssuingAuthority[]; year: number; serial: number }
  | { keyType: 'provisional'; country: string; tokens: string[] };

const officialForm = /^([A-Z]+(?:-[A-Z]+)*)-(\d{4})-([1-9]\d*)$/;
const provisionalForm = /^PROV-([A-Z]{2})-([A-Z0-9]+(?:-[A-Z0-9]+)*)$/;
const formHelp = 'expected ISSUER(-COISSUER)*-YYYY-N (e.g. MOFCOM-GAC-2023-23) or PROV-<CC>-<TOKENS>';

function explainOfficialKey(key: string): string | ParsedMeasureKey {
  const match = officialForm.exec(key);
  if (!match) {
    return /-0\d*$/.test(key)
      ? `measure key '${key}': the serial number has no leading zeros and is at least 1`
      : `measure key '${key}' does not match its form: ${formHelp}`;
  }
  const [, issuerPart = '', year = '', serial = ''] = match;
  const issuers = issuerPart.split('-');
  const unknown = issuers.filter((token) => !isIssuingAuthority(token));
  if (unknown.length > 0) return `measure key '${key}': unknown issuing authority ${unknown.join(', ')}`;
  return {
    keyType: 'official_document',
    issuers: issuers as IssuingAuthority[],
    year: Number(year),
    serial: Number(serial),
  };
}

function explainProvisionalKey(key: string): string | ParsedMeasureKey {
  const match = provisionalForm.exec(key);
  if (!match)
    return `measure key '${key}' does not match its form: expected PROV-<CC>-<TOKENS> (A-Z, 0-9, '-')`;
  const [, country = '', tokens = ''] = match;
  const problem = countryCodeProblem(country);
  if (problem) return `measure key '${key}': ${problem}`;
  return { keyType: 'provisional', country, tokens: tokens.split('-') };
}

/** The parsed key, or a message saying why `key` matches neither the official nor the provisional form. */
export function explainMeasureKey(key: string): string | ParsedMeasureKey {
  return key.startsWith('PROV-') ? explainProvisionalKey(key) : explainOfficialKey(key);
}

/**
 * Splits a measure key into its parts; undefined when it matches neither form.
 * @example
 * parseMeasureKey('MOFCOM-GAC-2023-23'); // { keyType: 'official_document', issuers: ['MOFCOM', 'GAC'], year: 2023, serial: 23 }
 * parseMeasureKey('PROV-CN-GRAPHITE-LICENSING-SE'); // { keyType: 'provisional', country: 'CN', tokens: ['GRAPHITE', 'LICENSING', 'SE'] }
 */
export function parseMeasureKey(key: string): ParsedMeasureKey | undefined {
  const parsed = explainMeasureKey(key);
  return typeof parsed === 'string' ? undefined : parsed;
}

/** Stable name of a measure: an official document key or a provisional key. */
export const measureKeySchema = z
  .string()
  .max(80)
  .superRefine((key, ctx) => {
    const parsed = explainMeasureKey(key);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  })
  .openapi('MeasureKey', { example: 'MOFCOM-GAC-2023-23' });
