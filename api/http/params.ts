import type { Context } from 'hono';
import { recordIdSchema } from '../../schemas/common.js';
import { ProblemError } from './problem.js';

/** The `{id}` path parameter, which must be a record id. */
export function recordIdParam(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (!recordIdSchema.safeParse(id).success) {
    throw new ProblemError(
      400,
      'invalid_record_id',
      'the record id is not valid',
      'a record id is 64 lower-case hex characters',
    );
  }
  return id;
}

/** Query parameters as a plain object (first value of each). */
export const queryObject = (c: Context): Record<string, string> => c.req.query();
