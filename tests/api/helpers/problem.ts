import { expect } from 'vitest';
import type { Problem } from '../../../schemas/api/problem.js';
import { problemSchema } from '../../../schemas/api/problem.js';

/** Signs that internals reached a caller: stack frames, source or install paths. */
const leakPatterns = [/\n\s*at /, /\bat [\w$.<>]+ \(/, /file:\/\//, /node_modules/, /\/work\//, /\.ts:\d+/];

/** Fails when `text` shows a stack trace or a file path. */
export function expectNoInternals(text: string): void {
  for (const pattern of leakPatterns)
    expect(text, `response leaks internals (${pattern})`).not.toMatch(pattern);
}

/**
 * Asserts an RFC 9457 problem response with this status and stable code, and returns its body.
 * Every problem must parse as our Problem schema and carry nothing internal.
 */
export async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
  expectNoInternals(text);
  const body = problemSchema.parse(JSON.parse(text));
  expect(body).toMatchObject({ status, code, type: `urn:sightline:problem:${code}` });
  return body;
}

/** The field paths a validation problem names. */
export const errorPaths = (problem: Problem) => (problem.errors ?? []).map((error) => error.path);
