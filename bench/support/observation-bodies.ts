import { type ObservationBody, observationBodySchema } from '../../schemas/observation/body.js';
import { jurisdictions, recipientsFor, weightedTlp } from './audience.js';
import { generateDates } from './dates.js';
import { generateItems } from './items.js';
import { type BenchMeasure, generateMeasures } from './measures.js';
import { observationOf } from './observation-part.js';
import { createRandom, type Random } from './prng.js';
import { seedTemplates } from './seed-templates.js';
import { hsCodePool, kinds, wordPool } from './vocabulary.js';

export const benchMeasureCount = 1_000;
const hsCodeCount = 2_000;
const wordCount = 3_000;

/** What the generated bodies draw from, so a benchmark can query values that exist. */
export interface BenchVocabulary {
  measures: readonly BenchMeasure[];
  hsCodes: readonly string[];
  words: readonly string[];
}

/** The measures, HS codes and words that `generateObservationBodies(n, seed)` draws from for that seed. */
export function benchVocabulary(seed: number): BenchVocabulary {
  const random = createRandom(seed ^ 0x5eed);
  const hsCodes = hsCodePool(random, hsCodeCount);
  return {
    hsCodes,
    measures: generateMeasures(random, benchMeasureCount, hsCodes),
    words: wordPool(random, wordCount),
  };
}

/**
 * `n` schema-valid observation bodies, the same for the same seed: the 20 seed cases (their evidence,
 * entities, mappings, confidence and prose) with generated measures (1,000 keys), kinds, items, HS and
 * national codes, jurisdictions and roles, dates, TLP labels and extra summary words. Each body is checked
 * against observationBodySchema; a failure throws naming the body and the field. Bodies share unchanged parts
 * of their seed case (evidence, entities...): treat them as read-only.
 */
export function generateObservationBodies(n: number, seed: number): ObservationBody[] {
  const random = createRandom(seed);
  const vocabulary = benchVocabulary(seed);
  const templates = seedTemplates();
  const words = (count: number) =>
    Array.from(
      { length: count },
      () => vocabulary.words[random.skewedIndex(vocabulary.words.length, 3)],
    ).join(' ');
  return Array.from({ length: n }, (_, index) => {
    const body = generateBody(random, vocabulary, random.pick(templates), words);
    const checked = observationBodySchema.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new Error(`generated body ${index} is not valid: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return body;
  });
}

function generateBody(
  random: Random,
  vocabulary: BenchVocabulary,
  template: ObservationBody,
  words: (count: number) => string,
): ObservationBody {
  const measure = vocabulary.measures[random.skewedIndex(vocabulary.measures.length, 1.5)] as BenchMeasure;
  const extra = random.chance(0.1) ? random.pick(vocabulary.measures) : undefined;
  const measureRefs = extra && extra !== measure ? [measure.ref, extra.ref] : [measure.ref];
  const kind = random.pick(kinds);
  const topic = measure.ref.title.split(' ')[0] ?? '';
  const tlp = weightedTlp(random);
  const { recipients: _recipients, ...rest } = template;
  const body: ObservationBody = {
    ...rest,
    measureRefs,
    observation: observationOf(
      random,
      kind,
      template.observation.summary,
      `${topic} ${words(random.between(3, 6))}`,
    ),
    items: generateItems(
      random,
      measure,
      vocabulary.hsCodes,
      () => `${topic} ${words(2)}`,
      kind === 'export_volume_change',
    ),
    affectedJurisdictions: jurisdictions(random),
    dates: generateDates(random),
    confidence:
      template.confidence === 'confirmed' ? 'confirmed' : random.pick(['high', 'medium', 'low'] as const),
    tlp,
  };
  const recipients = recipientsFor(random, tlp);
  if (recipients) body.recipients = recipients;
  return body;
}
