import type { Context } from 'hono';
import { measureKeySchema } from '../../../schemas/observation/measure-key.js';
import type { NodeEnv } from '../../context.js';
import { ProblemError } from '../../http/problem.js';
import { fieldErrors } from '../../http/validation.js';

/** The `measureKey` path parameter, or a 400 `invalid_measure_key` naming it. */
export function measureKeyParam(c: Context<NodeEnv>): string {
  const parsed = measureKeySchema.safeParse(c.req.param('measureKey'));
  if (parsed.success) return parsed.data;
  throw new ProblemError(
    400,
    'invalid_measure_key',
    'the measure key is not valid',
    undefined,
    fieldErrors(parsed.error.issues, ['measureKey']),
  );
}
