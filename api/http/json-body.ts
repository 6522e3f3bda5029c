import type { Context } from 'hono';
import type { z } from 'zod';
import { jsonHazards } from './json-hazards.js';
import { ProblemError } from './problem.js';
import { parseOrProblem } from './validation.js';

/**
 * Reads an application/json body and validates it; 415 for another type, 400 for malformed JSON, 422 for
 * JSON that cannot be signed or stored (see jsonHazards) or does not match `schema`.
 */
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
  const hazards = jsonHazards(value);
  if (hazards.length > 0) {
    throw new ProblemError(422, 'validation_failed', `${what} is not valid`, undefined, hazards);
  }
  return parseOrProblem(schema, value, what);
}
