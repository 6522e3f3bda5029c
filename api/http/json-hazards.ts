import type { FieldError } from '../../schemas/api/problem.js';
import { fieldError } from './validation.js';

/** Deeper than any record needs; recursive validators and canonicalizers would exhaust the stack long after. */
export const maxJsonDepth = 64;

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type Path = (string | number)[];

/** Why a string cannot be signed (RFC 8785 needs well-formed Unicode) or stored (PostgreSQL text has no NUL). */
function stringHazard(value: string): string | undefined {
  if (loneSurrogate.test(value)) return 'contains a lone UTF-16 surrogate, which is not valid Unicode';
  if (value.includes('\u0000')) return 'contains a NUL character';
  return undefined;
}

/**
 * What JSON.parse accepts but the node must refuse before validation: strings and keys that cannot be
 * canonicalized or stored, `__proto__` keys (which object spreads and validators silently drop), and
 * nesting deeper than maxJsonDepth. Walks iteratively, so hostile depth cannot overflow the stack here.
 */
export function jsonHazards(root: unknown): FieldError[] {
  const issues: FieldError[] = [];
  const pending: { value: unknown; path: Path }[] = [{ value: root, path: [] }];
  while (pending.length > 0 && issues.length < 20) {
    const { value, path } = pending.pop() as { value: unknown; path: Path };
    if (typeof value === 'string') {
      const hazard = stringHazard(value);
      if (hazard) issues.push(fieldError(path, 'invalid_string', `the string ${hazard}`));
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= maxJsonDepth) {
      issues.push(fieldError(path, 'too_deep', `JSON nested deeper than ${maxJsonDepth} levels`));
      continue;
    }
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) pending.push({ value: item, path: [...path, index] });
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const keyHazard = key === '__proto__' ? 'is reserved' : stringHazard(key);
      if (keyHazard) issues.push(fieldError([...path, key], 'invalid_key', `the key ${keyHazard}`));
      else pending.push({ value: item, path: [...path, key] });
    }
  }
  return issues;
}
