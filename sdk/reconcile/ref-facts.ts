import { sortedUnique } from './compare.js';
import { type Fields, stringList } from './observation-view.js';
import type { StringPool } from './string-pool.js';

// `UNKNOWN` states the absence of knowledge, not a legal basis, so it neither agrees nor disagrees.
const NOT_A_LEGAL_BASIS = 'UNKNOWN';

/**
 * What one measure ref of a record says, read once and pooled: measures visit records in id order, not input
 * order, and compare these values between records.
 */
export interface RefFacts {
  ref: Fields;
  status: string | undefined;
  instrument: string | undefined;
  /** The known legal-basis codes, sorted and joined by U+0000 (a comparable key); undefined for none. */
  legalBasis: string | undefined;
  aliasCandidates: readonly unknown[] | undefined;
}

/** The legal-basis codes a ref states, sorted, without `UNKNOWN`; undefined for none. */
export function legalBasisOf(ref: Fields): string[] | undefined {
  const known = stringList(ref, 'legalBasis')?.filter((code) => code !== NOT_A_LEGAL_BASIS);
  if (!known || known.length === 0) return undefined;
  return known.length === 1 ? known : sortedUnique(known);
}

function legalBasisKey(ref: Fields): string | undefined {
  // The usual single code needs no list.
  const raw = ref.legalBasis;
  if (Array.isArray(raw) && raw.length === 1 && typeof raw[0] === 'string') {
    return raw[0] === NOT_A_LEGAL_BASIS ? undefined : raw[0];
  }
  return legalBasisOf(ref)?.join('\u0000');
}

function pooled(value: unknown, strings: StringPool): string | undefined {
  return typeof value === 'string' ? strings.intern(value) : undefined;
}

export function refFacts(ref: Fields, strings: StringPool): RefFacts {
  return {
    ref,
    status: pooled(ref.status, strings),
    instrument: pooled(ref.instrument, strings),
    legalBasis: pooled(legalBasisKey(ref), strings),
    aliasCandidates: Array.isArray(ref.aliasCandidates) ? ref.aliasCandidates : undefined,
  };
}
