import type { z } from '../zod.js';
import { withObservationBodyChecks } from './body-checks.js';
import { observationBodyObject } from './body-shape.js';

export { maxObservationBodyBytes, withObservationBodyChecks } from './body-checks.js';
export { observationBodyObject, observationBodyShape } from './body-shape.js';
export { type Tlp, tlpSchema } from './tlp.js';

/**
 * What an analyst submits: measures, what was seen, items, jurisdictions, dates, confidence, label, evidence.
 * Strict: unknown keys are rejected, except top-level `x-<memberId>` extensions (e.g. `x-DE`).
 */
export const observationBodySchema =
  withObservationBodyChecks(observationBodyObject).openapi('ObservationBody');

export type ObservationBody = z.infer<typeof observationBodySchema>;
