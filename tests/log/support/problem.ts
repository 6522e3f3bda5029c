import { expect } from 'vitest';
import { problemSchema } from '../../../schemas/api/problem.js';

/** Asserts an RFC 9457 problem with this status and code, and returns it. */
export async function expectProblem(res: Response, status: number, code: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
  expect(text).not.toMatch(/\n\s*at |node_modules|\.ts:\d+/);
  const problem = problemSchema.parse(JSON.parse(text));
  expect(problem).toMatchObject({ status, code, type: `urn:sightline:problem:${code}` });
  return problem;
}
