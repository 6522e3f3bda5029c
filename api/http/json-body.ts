import type { Context } from 'hono';
import type { z } from 'zod';
import { duplicateNamePath } from './duplicate-names.js';
import { jsonHazards } from './json-hazards.js';
import { ProblemError } from './problem.js';
import { fieldError, parseOrProblem } from './validation.js';

/**
 * Reads an application/json body and validates it; 415 for another type or charset, 400 for bytes that are not
 * UTF-8 or not JSON, 422 for a repeated member name, for JSON that cannot be signed or stored (see
 * jsonHazards) or that does not match `schema`.
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  what: string,
): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!isJsonUtf8(type)) {
    throw new ProblemError(
      415,
      'unsupported_media_type',
      'the body must be application/json in UTF-8',
      `got content-type "${type.slice(0, 100)}"`,
    );
  }
  const text = decodeUtf8(await c.req.arrayBuffer());
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProblemError(400, 'malformed_json', 'the body is not valid JSON', (error as Error).message);
  }
  const duplicate = duplicateNamePath(text);
  if (duplicate) {
    const issue = fieldError(duplicate, 'duplicate_name', 'the name appears twice in its object');
    throw new ProblemError(422, 'validation_failed', `${what} is not valid`, undefined, [issue]);
  }
  const hazards = jsonHazards(value);
  if (hazards.length > 0) {
    throw new ProblemError(422, 'validation_failed', `${what} is not valid`, undefined, hazards);
  }
  return parseOrProblem(schema, value, what);
}

/** application/json, with no charset or with UTF-8 (RFC 8259: JSON exchanged between systems is UTF-8). */
function isJsonUtf8(contentType: string): boolean {
  const [essence = '', ...parameters] = contentType.split(';');
  if (essence.trim().toLowerCase() !== 'application/json') return false;
  return parameters.every((parameter) => {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') return true;
    return /^"?utf-8"?$/i.test(value.trim());
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text; invalid bytes are refused, never replaced with U+FFFD and then signed. */
function decodeUtf8(bytes: ArrayBuffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ProblemError(
      400,
      'malformed_json',
      'the body is not valid JSON',
      'the body is not valid UTF-8',
    );
  }
}
