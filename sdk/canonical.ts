import canonicalize from 'canonicalize';
import { SightlineError } from './errors.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * RFC 8785 (JCS) canonical JSON of a JSON value.
 *
 * Throws SightlineError `not_canonicalizable` for anything that is not plain JSON data: lone surrogates
 * in strings or keys, NaN and Infinity, bigint, functions, symbols, `undefined` at the top level or in an
 * array, holes included (JSON.stringify would silently write `null`), cycles, and non-plain objects such
 * as Date, Map or class instances. An object member whose value is `undefined` is omitted, as in JSON.
 *
 * @example
 * canonicalJson({ b: [1e21, -0], a: '\u20ac' }); // '{"a":"€","b":[1e+21,0]}'
 */
export function canonicalJson(value: unknown): string {
  assertPlainJson(value, [], '$');
  try {
    return canonicalize(value) as string;
  } catch (cause) {
    const message = `value is not canonicalizable: ${(cause as Error).message}`;
    throw new SightlineError('not_canonicalizable', message, { cause });
  }
}

/**
 * True when `payload` is valid UTF-8 JSON that equals its own JCS form byte for byte.
 *
 * @example
 * isCanonical('{"a":1,"b":2}'); // true
 * isCanonical('{"b":2,"a":1}'); // false
 */
export function isCanonical(payload: Uint8Array | string): boolean {
  return parseCanonicalJson(payload) !== undefined;
}

/**
 * Parses `payload` only if it is canonical (see isCanonical), so callers that need the value parse once.
 * Returns undefined for invalid UTF-8, invalid JSON, or JSON that is not in JCS form.
 *
 * @example
 * parseCanonicalJson('{"a":[1,2]}'); // { value: { a: [1, 2] } }
 * parseCanonicalJson('{ "a": 1 }'); // undefined
 */
export function parseCanonicalJson(payload: Uint8Array | string): { value: unknown } | undefined {
  let text: string;
  let value: unknown;
  try {
    text = typeof payload === 'string' ? payload : strictUtf8.decode(payload);
    value = JSON.parse(text);
    if (isCanonicalFast(text, value)) return { value };
    // JSON.parse output is plain data, so canonicalize itself catches the one remaining case: lone surrogates.
    return canonicalize(value) === text ? { value } : undefined;
  } catch {
    return undefined;
  }
}

// A lone surrogate is the one thing JSON.stringify writes (as an escape) that RFC 8785 refuses.
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f]/i;

/**
 * A quicker sufficient test, about a fifth of canonicalize's cost on records: JSON.stringify writes strings and
 * numbers as RFC 8785 does, so when it reproduces `text` byte for byte and every object's keys are in UTF-16
 * code-unit order, `text` is canonical. A false answer proves nothing (V8 puts integer-like keys first, for
 * one); the caller then asks canonicalize.
 */
function isCanonicalFast(text: string, value: unknown): boolean {
  return !LONE_SURROGATE_ESCAPE.test(text) && JSON.stringify(value) === text && keysSorted(value);
}

function keysSorted(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(keysSorted);
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    if (!keysSorted((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function assertPlainJson(value: unknown, ancestors: object[], path: string): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'number':
      return; // lone surrogates and non-finite numbers are rejected by canonicalize
    case 'object':
      break;
    default:
      throw notCanonicalizable(path, `a ${typeof value} is not JSON`);
  }
  if (value === null) return;
  if (ancestors.includes(value)) throw notCanonicalizable(path, 'circular reference');
  ancestors.push(value);
  if (Array.isArray(value)) {
    // An indexed loop, not forEach, so that holes in sparse arrays are seen (as undefined) and rejected.
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) throw notCanonicalizable(`${path}[${i}]`, 'undefined is not JSON');
      assertPlainJson(item, ancestors, `${path}[${i}]`);
    }
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw notCanonicalizable(path, `a ${proto?.constructor?.name ?? 'non-plain'} object is not JSON`);
    }
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) assertPlainJson(member, ancestors, `${path}.${key}`);
    }
  }
  ancestors.pop();
}

function notCanonicalizable(path: string, why: string): SightlineError {
  return new SightlineError('not_canonicalizable', `value is not canonicalizable at ${path}: ${why}`);
}
