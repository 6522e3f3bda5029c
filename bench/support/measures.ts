import type { MeasureRef } from '../../schemas/observation/measure.js';
import type { Random } from './prng.js';
import { instruments, issuers, legalBases, statuses, topics } from './vocabulary.js';

/** A benchmark measure: its reference as observations cite it, and the HS codes it concerns. */
export interface BenchMeasure {
  ref: MeasureRef;
  hsCodes: readonly string[];
}

/**
 * `count` distinct measures: about 70% official documents (`MOFCOM-GAC-2019-412`), the rest provisional
 * keys (`PROV-CN-GRAPHITE-412`); the index in the key keeps every key unique.
 */
export function generateMeasures(random: Random, count: number, hsCodes: readonly string[]): BenchMeasure[] {
  return Array.from({ length: count }, (_, index) => {
    const topic = random.pick(topics);
    const instrument = random.pick(instruments);
    const official = random.chance(0.7);
    const issuing = official ? random.sample(issuers, random.between(1, 3)) : [];
    const measureKey = official
      ? `${issuing.join('-')}-${random.between(2000, 2025)}-${index + 1}`
      : `PROV-CN-${topic}-${index + 1}`;
    const ref: MeasureRef = {
      measureKey,
      keyType: official ? 'official_document' : 'provisional',
      title: `${topic.toLowerCase()} ${instrument.replaceAll('_', ' ')} measure ${index + 1}`,
      issuingAuthorities: issuing,
      implementingJurisdiction: 'CN',
      instrument,
      legalBasis: [...random.pick(legalBases)],
      status: random.pick(statuses),
    };
    const codes = Array.from(
      { length: random.between(1, 3) },
      () => hsCodes[random.skewedIndex(hsCodes.length)],
    );
    return { ref, hsCodes: [...new Set(codes as string[])] };
  });
}
