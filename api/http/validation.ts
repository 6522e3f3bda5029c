import type { z } from 'zod';
import type { FieldError } from '../../schemas/api/problem.js';
import { ProblemError } from './problem.js';

/** zod issues as field errors; unknown keys are reported at their own path so the caller sees the key. */
export function fieldErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix: (string | number)[] = [],
): FieldError[] {
  return issues.flatMap((issue) => {
    const base = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => fieldError([...base, key], 'unrecognized_key', `unknown key "${key}"`));
    }
    return [fieldError(base, issue.code, issue.message)];
  });
}

/** One failing field, with its path also as an RFC 6901 JSON Pointer. */
export function fieldError(path: (string | number)[], code: string, message: string): FieldError {
  const pointer = path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
  return { path, pointer, code, message };
}

/** Parses `value` or throws a 422 problem naming every failing field. */
export function parseOrProblem<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  prefix?: (string | number)[],
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ProblemError(
    422,
    'validation_failed',
    `${what} is not valid`,
    undefined,
    fieldErrors(result.error.issues, prefix),
  );
}

/** Query parameters use 400: the request itself is malformed. */
export function parseQueryOrProblem<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ProblemError(
    400,
    'invalid_query',
    'query parameters are not valid',
    undefined,
    fieldErrors(result.error.issues),
  );
}
