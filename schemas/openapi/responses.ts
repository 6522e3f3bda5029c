import type { ZodType } from 'zod';
import { problemSchema } from '../api/problem.js';

/** A JSON response. */
export const json = (description: string, schema: ZodType) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Problem responses for the given status codes, with what each means here. */
export function problems(statuses: Record<number, string>) {
  return Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [
      status,
      { description, content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
}

export const authProblems = {
  401: 'Missing or invalid API token (codes unauthorized, invalid_token)',
  403: 'The token lacks the role (code forbidden)',
};
