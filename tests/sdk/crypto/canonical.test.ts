import { readFileSync } from 'node:fs';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, isCanonical, parseCanonicalJson } from '../../../sdk/canonical.js';
import { SightlineError } from '../../../sdk/errors.js';

const rfc8785 = JSON.parse(readFileSync(new URL('../../vectors/rfc8785.json', import.meta.url), 'utf8')) as {
  sample: { input: string; output: string };
  sorting: { input: string; valuesInOrder: string[] };
  numbers: Array<{ ieee754: string; json: string }>;
  invalidNumbers: Array<{ ieee754: string; name: string }>;
};

function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

function rejectCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof SightlineError ? error.code : 'not a SightlineError';
  }
  return undefined;
}

describe('canonicalJson (RFC 8785)', () => {
  it('produces the RFC 8785 section 3.2.3 output for the section 3.2.2 sample', () => {
    expect(canonicalJson(JSON.parse(rfc8785.sample.input))).toBe(rfc8785.sample.output);
  });

  it('sorts keys by UTF-16 code units as in the section 3.2.3 example', () => {
    const keys = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const expected = keys.map(
      (key, i) => `${JSON.stringify(key)}:${JSON.stringify(rfc8785.sorting.valuesInOrder[i])}`,
    );
    // Compared as text: JSON.parse would move the integer-like key "1" first again.
    expect(canonicalJson(JSON.parse(rfc8785.sorting.input))).toBe(`{${expected.join(',')}}`);
  });

  it.each(rfc8785.numbers)('serializes IEEE 754 $ieee754 as $json (appendix B)', ({ ieee754, json }) => {
    expect(canonicalJson(double(ieee754))).toBe(json);
    expect(canonicalJson([double(ieee754)])).toBe(`[${json}]`);
  });

  it('serializes the brief extra numbers', () => {
    expect(canonicalJson([1e21, 1e-7, -0, 5e-324, 9007199254740992, 1e20, 0.1])).toBe(
      '[1e+21,1e-7,0,5e-324,9007199254740992,100000000000000000000,0.1]',
    );
  });

  it.each(rfc8785.invalidNumbers)('rejects $name', ({ ieee754 }) => {
    expect(rejectCode(() => canonicalJson({ n: double(ieee754) }))).toBe('not_canonicalizable');
  });

  it('escapes only what JSON requires: control characters, quote, backslash', () => {
    expect(canonicalJson('\u001f\u007f/\b\t\n\f\r"\\\u2028')).toBe(
      '"\\u001f\u007f/\\b\\t\\n\\f\\r\\"\\\\\u2028"',
    );
  });

  it('rejects lone surrogates in strings and in keys', () => {
    expect(rejectCode(() => canonicalJson(JSON.parse('"\\ud800"')))).toBe('not_canonicalizable');
    expect(rejectCode(() => canonicalJson({ a: ['x\udc00y'] }))).toBe('not_canonicalizable');
    expect(rejectCode(() => canonicalJson(JSON.parse('{"\\udbff":1}')))).toBe('not_canonicalizable');
    expect(canonicalJson('\ud83d\ude00')).toBe('"\ud83d\ude00"');
  });

  it('rejects values that are not JSON data', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [
      undefined,
      [1, undefined],
      // biome-ignore lint/suspicious/noSparseArray: a hole is exactly what is tested
      [1, , 2],
      () => 1,
      { f: () => 1 },
      10n,
      { n: 1n },
      Symbol('s'),
      new Date(0),
      new Map(),
      { nested: [new Uint8Array(1)] },
      cyclic,
    ]) {
      expect(
        rejectCode(() => canonicalJson(value)),
        String(value),
      ).toBe('not_canonicalizable');
    }
  });

  it('omits object members whose value is undefined, as JSON does', () => {
    expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
    expect(canonicalJson(Object.assign(Object.create(null), { z: null, y: true }))).toBe(
      '{"y":true,"z":null}',
    );
  });

  it('is a fixed point: the output parses back and canonicalizes to itself', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        return canonicalJson(JSON.parse(text)) === text && isCanonical(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isCanonical', () => {
  it('accepts canonical text and bytes', () => {
    expect(isCanonical(rfc8785.sample.output)).toBe(true);
    expect(isCanonical(Buffer.from(rfc8785.sample.output, 'utf8'))).toBe(true);
    expect(parseCanonicalJson('{"a":[1,"b"]}')).toEqual({ value: { a: [1, 'b'] } });
    expect(parseCanonicalJson('null')).toEqual({ value: null });
  });

  it.each([
    ['whitespace', '{"a": 1}'],
    ['trailing newline', '{"a":1}\n'],
    ['unsorted keys', '{"b":1,"a":2}'],
    ['duplicate keys', '{"a":1,"a":1}'],
    ['non-shortest number', '{"a":1.0}'],
    ['exponent form', '[1E3]'],
    ['escaped slash', '["\\/"]'],
    ['needless unicode escape', '["\\u0041"]'],
    ['upper-case hex escape', '["\\u001F"]'],
    ['lone surrogate escape', '"\\ud800"'],
    ['not JSON', '{a:1}'],
    ['empty', ''],
  ])('rejects %s', (_name, text) => {
    expect(isCanonical(text)).toBe(false);
    expect(isCanonical(Buffer.from(text, 'utf8'))).toBe(false);
  });

  it('agrees with canonicalize on any JSON text, canonical or not (the fast path only says yes when it is sure)', () => {
    const reference = (text: string) => {
      try {
        return canonicalize(JSON.parse(text)) === text;
      } catch {
        return false;
      }
    };
    const texts = fc.oneof(
      fc.json(), // JSON.stringify order and spacing: often unsorted
      fc.jsonValue().map((value) => canonicalJson(value)),
      fc.jsonValue({ stringUnit: 'grapheme' }).map((value) => canonicalJson(value)),
      fc.dictionary(fc.string(), fc.jsonValue()).map((value) => JSON.stringify(value)),
      fc.array(fc.string({ unit: 'binary' })).map((strings) => JSON.stringify(strings)), // lone surrogates
    );
    fc.assert(
      fc.property(texts, (text) => isCanonical(text) === reference(text)),
      { numRuns: 2000 },
    );
  });

  it('does not take integer-like keys, which V8 reorders, for sorted', () => {
    expect(isCanonical('{"10":1,"9":2}')).toBe(true);
    expect(isCanonical('{"9":2,"10":1}')).toBe(false);
  });

  it('rejects bytes that are not valid UTF-8, overlong forms and a BOM', () => {
    expect(isCanonical(Uint8Array.from([0x22, 0xff, 0x22]))).toBe(false);
    expect(isCanonical(Uint8Array.from([0x22, 0xc0, 0xaf, 0x22]))).toBe(false); // overlong '/'
    expect(isCanonical(Uint8Array.from([0x22, 0xed, 0xa0, 0x80, 0x22]))).toBe(false); // encoded surrogate
    expect(isCanonical(Uint8Array.from([0xef, 0xbb, 0xbf, 0x31]))).toBe(false);
    expect(isCanonical(Uint8Array.from([0x31]))).toBe(true);
  });
});
