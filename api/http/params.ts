import type { Context } from 'hono';
import { isMemberId, recordIdSchema } from '../../schemas/common.js';
import { ProblemError } from './problem.js';
import { fieldError } from './validation.js';

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

/** The `{member}` path parameter, which must be a member id. */
export function memberParam(c: Context): string {
  const member = c.req.param('member') ?? '';
  if (!isMemberId(member)) {
    throw new ProblemError(
      400,
      'invalid_member_id',
      'the member id is not valid',
      'a member id is an ISO 3166-1 alpha-2 code or EU',
    );
  }
  return member;
}

/**
 * Query parameters as a plain object. A parameter given twice is refused: taking the first (or the last)
 * value silently would answer a question the caller did not ask.
 */
export function queryObject(c: Context): Record<string, string> {
  const repeated = Object.entries(c.req.queries()).filter(([, values]) => values.length > 1);
  if (repeated.length > 0) {
    const issues = repeated.map(([name]) =>
      fieldError([name], 'repeated', `${name} is given more than once`),
    );
    throw new ProblemError(400, 'invalid_query', 'query parameters are not valid', undefined, issues);
  }
  return c.req.query();
}
