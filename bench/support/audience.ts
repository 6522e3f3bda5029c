import type { ObservationBody } from '../../schemas/observation/body.js';
import type { AffectedJurisdiction } from '../../schemas/observation/jurisdictions.js';
import type { Random } from './prng.js';
import { jurisdictionPool, memberPool, roles, tlpWeights } from './vocabulary.js';

/** 0-4 distinct affected jurisdictions, popular ones (US, JP, NL) most often, each with a random role. */
export function jurisdictions(random: Random): AffectedJurisdiction[] {
  const count = random.pick([0, 1, 1, 2, 2, 3, 4]);
  const codes = new Set(
    Array.from(
      { length: count },
      () => jurisdictionPool[random.skewedIndex(jurisdictionPool.length)] as string,
    ),
  );
  return [...codes].map((code) => ({ code, role: random.pick(roles) }));
}

/** A TLP label drawn with the weights of tlpWeights (mostly CLEAR and GREEN). */
export function weightedTlp(random: Random): ObservationBody['tlp'] {
  let roll = random.next();
  for (const [tlp, weight] of tlpWeights) {
    roll -= weight;
    if (roll < 0) return tlp;
  }
  return 'TLP:CLEAR';
}

/** Recipients for the labels that need them (AMBER, AMBER+STRICT), undefined for the others. */
export function recipientsFor(random: Random, tlp: ObservationBody['tlp']): string[] | undefined {
  if (tlp !== 'TLP:AMBER' && tlp !== 'TLP:AMBER+STRICT') return undefined;
  return random.sample(memberPool, random.between(1, 3));
}
