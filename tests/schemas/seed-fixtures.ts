import { readFileSync } from 'node:fs';

const readJson = (relative: string): unknown =>
  JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));

/** The 20 seed cases as observation bodies (fixtures/seed-observations.json). */
export const seedBodies = readJson('../../fixtures/seed-observations.json') as readonly Record<
  string,
  unknown
>[];

/**
 * The shared seed as published (with its envelope-ish fields), for checking that the fixtures keep its facts:
 * a verbatim copy of shared/domain/seed-observations.json, so the suite needs nothing outside the repository.
 */
export const sharedSeed = readJson('../vectors/shared-seed-observations.json') as readonly Record<
  string,
  unknown
>[];

// biome-ignore lint/suspicious/noExplicitAny: bad inputs break the schema's types on purpose.
export type Draft = any;

/** A deep copy of seed body `index`, changed by `change`. */
export function mutateSeed(index: number, change: (body: Draft) => void): Draft {
  const body: Draft = structuredClone(seedBodies[index]);
  change(body);
  return body;
}
