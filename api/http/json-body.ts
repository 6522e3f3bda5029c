import type { Context } from 'hono';
import type { z } from 'zod';
import { ProblemError } from './problem.js';
import { parseOrProblem } from './validation.js';

/** Reads an application/json body and validates it; 415 for another type, 400 for malformed JSON, 422 for invalid. */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  what: string,
): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ProblemError(
      415,
      'unsupported_media_type',
      'the body must be application/json',
      `got content-type "${type.slice(0, 100)}"`,
    );
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProblemError(400, 'malformed_json', 'the body is not valid JSON', (error as Error).message);
  }
  return parseOrProblem(schema, value, what);
}
