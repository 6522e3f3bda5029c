import { readFileSync } from 'node:fs';
import { type ObservationBody, observationBodySchema } from '../../schemas/observation/body.js';

const seedFile = new URL('../../fixtures/seed-observations.json', import.meta.url);

/**
 * The 20 public seed cases as observation bodies. Read here rather than through the node's seed loader so
 * that benches of sdk/ code need nothing from api/.
 */
export function seedTemplates(): ObservationBody[] {
  const raw = JSON.parse(readFileSync(seedFile, 'utf8')) as unknown[];
  return raw.map((body) => observationBodySchema.parse(body));
}
