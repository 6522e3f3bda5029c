import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonceSchema, type RetractionRecord } from '../../../schemas/record.js';
import { canonicalJson } from '../../../sdk/canonical.js';
import type { SightlineError } from '../../../sdk/errors.js';
import { generateKeyPair, PinnedKeySet, publicJwk } from '../../../sdk/keys/index.js';
import {
  decodeRecordJws,
  newNonce,
  type RecordVerification,
  signRecord,
  verifyRecord,
} from '../../../sdk/record/index.js';

const de = generateKeyPair();
const fr = generateKeyPair();
const pinned = PinnedKeySet.fromKeys([
  { member: 'DE', jwk: publicJwk(de.publicKey) },
  { member: 'FR', jwk: publicJwk(fr.publicKey) },
]);

function retraction(overrides: Partial<RetractionRecord> = {}): RetractionRecord {
  return {
    type: 'retraction',
    author: 'DE',
    createdAt: '2026-11-28T12:00:00Z',
    nonce: newNonce(),
    retracts: 'ab'.repeat(32),
    reason: 'Duplicate of an earlier report (\u20ac, \ud83d\ude00).',
    tlp: 'TLP:GREEN',
    ...overrides,
  };
}

const b64url = (text: string | Uint8Array) => Buffer.from(text).toString('base64url');

/** A JWS over arbitrary header and payload text, validly signed: to reach the checks after the signature. */
function forge(header: unknown, payload: string, privateKey: KeyObject = de.privateKey): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(payload)}`;
  return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`;
}

const goodHeader = { alg: 'Ed25519', kid: de.kid, typ: 'sightline-record+jws' };

function failureOf(result: RecordVerification): { code: string; id?: string } {
  expect(result.ok).toBe(false);
  return result.ok ? { code: 'ok' } : { code: result.code, ...(result.id ? { id: result.id } : {}) };
}

describe('signRecord / verifyRecord', () => {
  it('round-trips: id is SHA-256 of the canonical payload bytes, header is exactly alg/kid/typ', () => {
    const record = retraction();
    const { id, jws, payload } = signRecord(record, de);
    const [header, body] = jws.split('.');
    expect(JSON.parse(Buffer.from(header as string, 'base64url').toString())).toEqual(goodHeader);
    expect(Buffer.from(body as string, 'base64url').toString('utf8')).toBe(payload);
    expect(id).toBe(createHash('sha256').update(payload, 'utf8').digest('hex'));
    expect(id).not.toBe(createHash('sha256').update(jws).digest('hex'));
    const result = verifyRecord(jws, pinned.resolve);
    expect(result).toEqual({ ok: true, id, author: 'DE', kid: de.kid, record, jws });
  });

  it('accepts the EdDSA alg name too', () => {
    const payload = signRecord(retraction(), de).payload;
    expect(verifyRecord(forge({ ...goodHeader, alg: 'EdDSA' }, payload), pinned.resolve).ok).toBe(true);
  });

  it('gives the same id for the same record whatever key order the caller used', () => {
    const record = retraction();
    const reversed = Object.fromEntries(Object.entries(record).reverse()) as RetractionRecord;
    expect(signRecord(reversed, de).id).toBe(signRecord(record, de).id);
  });

  it.each([
    ['two parts', (jws: string) => jws.split('.').slice(0, 2).join('.')],
    ['four parts', (jws: string) => `${jws}.AAAA`],
    ['an empty header', (jws: string) => jws.slice(jws.indexOf('.'))],
    ['an empty signature', (jws: string) => jws.slice(0, jws.lastIndexOf('.') + 1)],
    ['padding', (jws: string) => `${jws}==`],
    ['standard base64 characters', (jws: string) => `${jws.slice(0, -2)}+/`],
    ['whitespace', (jws: string) => ` ${jws}`],
  ])('rejects %s as malformed_jws, without an id', (_name, mangle) => {
    const result = verifyRecord(mangle(signRecord(retraction(), de).jws), pinned.resolve);
    expect(failureOf(result)).toEqual({ code: 'malformed_jws' });
  });

  it('rejects non-string input without throwing', () => {
    for (const input of [undefined, null, 42, {}, ['a.b.c']]) {
      expect(failureOf(verifyRecord(input as unknown as string, pinned.resolve)).code).toBe('malformed_jws');
    }
  });

  it.each([
    ['a header that is not JSON', 'not json'],
    ['a header that is an array', [goodHeader]],
    ['crit', { ...goodHeader, crit: ['b64'] }],
    ['jku', { ...goodHeader, jku: 'https://evil.example/jwks' }],
    ['jwk', { ...goodHeader, jwk: publicJwk(de.publicKey) }],
    ['x5u', { ...goodHeader, x5u: 'https://evil.example/cert' }],
    ['b64', { ...goodHeader, b64: false }],
    ['a missing kid', { alg: 'Ed25519', typ: 'sightline-record+jws' }],
    ['a numeric kid', { ...goodHeader, kid: 1 }],
  ])('rejects %s as bad_header, with the id', (_name, header) => {
    const { id, payload } = signRecord(retraction(), de);
    const headerText = typeof header === 'string' ? header : JSON.stringify(header);
    const input = `${b64url(headerText)}.${b64url(payload)}`;
    const jws = `${input}.${sign(null, Buffer.from(input), de.privateKey).toString('base64url')}`;
    expect(failureOf(verifyRecord(jws, pinned.resolve))).toEqual({ code: 'bad_header', id });
  });

  it.each(['none', 'HS256', 'RS256', 'ES256', 'ed25519', 'EdDSA '])('rejects alg %j', (alg) => {
    const { payload } = signRecord(retraction(), de);
    expect(failureOf(verifyRecord(forge({ ...goodHeader, alg }, payload), pinned.resolve)).code).toBe(
      'unsupported_alg',
    );
  });

  it('rejects another typ', () => {
    const { payload } = signRecord(retraction(), de);
    for (const typ of ['JWT', 'application/sightline-record+jws', '']) {
      expect(failureOf(verifyRecord(forge({ ...goodHeader, typ }, payload), pinned.resolve)).code).toBe(
        'bad_typ',
      );
    }
  });

  it('rejects kids that are not pinned, resolvers that throw, and keys that are not Ed25519', () => {
    const stranger = generateKeyPair();
    const { jws } = signRecord(retraction(), stranger);
    expect(failureOf(verifyRecord(jws, pinned.resolve)).code).toBe('unknown_kid');
    const throwing = () => {
      throw new Error('database down');
    };
    expect(failureOf(verifyRecord(signRecord(retraction(), de).jws, throwing)).code).toBe('unknown_kid');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const wrongType = () => ({ member: 'DE', publicKey: ec });
    expect(failureOf(verifyRecord(signRecord(retraction(), de).jws, wrongType)).code).toBe('unknown_kid');
  });

  it('rejects bad signatures: flipped bit, truncated, another key under our kid, altered payload', () => {
    const { id, jws, payload } = signRecord(retraction(), de);
    const signature = Buffer.from(jws.slice(jws.lastIndexOf('.') + 1), 'base64url');
    const prefix = jws.slice(0, jws.lastIndexOf('.') + 1);
    const flipped = Buffer.from(signature);
    flipped[10] = (flipped[10] as number) ^ 0x01;
    expect(failureOf(verifyRecord(prefix + flipped.toString('base64url'), pinned.resolve))).toEqual({
      code: 'bad_signature',
      id,
    });
    expect(
      failureOf(verifyRecord(prefix + signature.subarray(0, 63).toString('base64url'), pinned.resolve)).code,
    ).toBe('bad_signature');
    expect(failureOf(verifyRecord(forge(goodHeader, payload, fr.privateKey), pinned.resolve)).code).toBe(
      'bad_signature',
    );
    const altered = payload.replace('Duplicate', 'Duplicata');
    const [header, , sig] = jws.split('.');
    expect(failureOf(verifyRecord(`${header}.${b64url(altered)}.${sig}`, pinned.resolve)).code).toBe(
      'bad_signature',
    );
  });

  it('rejects a validly signed payload that is not canonical, with its id', () => {
    const record = retraction();
    for (const payload of [
      JSON.stringify(record, null, 1),
      JSON.stringify(record),
      `${signRecord(record, de).payload} `,
    ]) {
      const id = createHash('sha256').update(payload).digest('hex');
      expect(failureOf(verifyRecord(forge(goodHeader, payload), pinned.resolve))).toEqual({
        code: 'not_canonical',
        id,
      });
    }
    const invalidUtf8 = Buffer.from([0x7b, 0xff, 0x7d]);
    const input = `${b64url(JSON.stringify(goodHeader))}.${b64url(invalidUtf8)}`;
    const jws = `${input}.${sign(null, Buffer.from(input), de.privateKey).toString('base64url')}`;
    expect(failureOf(verifyRecord(jws, pinned.resolve)).code).toBe('not_canonical');
  });

  it('rejects a validly signed canonical payload that fails the schema', () => {
    const cases = [
      { ...retraction(), tlp: 'TLP:WHITE' },
      { ...retraction(), extra: true },
      { ...retraction(), nonce: 'short' },
      { ...retraction(), type: 'unknown' },
      [retraction()],
      'a string',
    ];
    for (const value of cases) {
      const payload = canonicalJson(value);
      expect(failureOf(verifyRecord(forge(goodHeader, payload), pinned.resolve)).code).toBe(
        'invalid_payload',
      );
    }
  });

  it("rejects a record whose author is not the signing key's member", () => {
    const { jws } = signRecord(retraction({ author: 'FR' }), de);
    expect(failureOf(verifyRecord(jws, pinned.resolve)).code).toBe('author_mismatch');
  });

  it('checks in the documented order', () => {
    const stranger = generateKeyPair();
    const notCanonical = JSON.stringify(retraction(), null, 2);
    // bad typ and unknown kid and bad signature: typ comes first
    const badTyp = forge({ alg: 'Ed25519', kid: stranger.kid, typ: 'JWT' }, notCanonical, fr.privateKey);
    expect(failureOf(verifyRecord(badTyp, pinned.resolve)).code).toBe('bad_typ');
    // bad signature and non-canonical payload: signature comes first
    expect(failureOf(verifyRecord(forge(goodHeader, notCanonical, fr.privateKey), pinned.resolve)).code).toBe(
      'bad_signature',
    );
    // schema failure and author mismatch: schema comes first
    const invalid = canonicalJson({ ...retraction({ author: 'FR' }), tlp: 'TLP:WHITE' });
    expect(failureOf(verifyRecord(forge(goodHeader, invalid), pinned.resolve)).code).toBe('invalid_payload');
  });

  it('never throws and never accepts a JWS with any one character changed', () => {
    const { jws } = signRecord(retraction(), de);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+ ';
    fc.assert(
      fc.property(fc.nat(jws.length - 1), fc.nat(alphabet.length - 1), (position, pick) => {
        const replacement = alphabet[pick] as string;
        fc.pre(jws[position] !== replacement);
        const mutated = jws.slice(0, position) + replacement + jws.slice(position + 1);
        return verifyRecord(mutated, pinned.resolve).ok === false;
      }),
      { numRuns: 500 },
    );
  });

  it('refuses to sign with a mismatched kid, a non-Ed25519 key or an invalid record', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as SightlineError).code;
      }
    };
    expect(code(() => signRecord(retraction(), { kid: fr.kid, privateKey: de.privateKey }))).toBe(
      'invalid_key',
    );
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(code(() => signRecord(retraction(), { kid: de.kid, privateKey: ec }))).toBe('invalid_key');
    expect(code(() => signRecord({ ...retraction(), tlp: 'TLP:WHITE' } as never, de))).toBe('invalid_record');
  });
});

describe('decodeRecordJws', () => {
  it('reads id, kid and the claimed record without verifying', () => {
    const record = retraction({ author: 'FR' });
    const { id, jws, payload } = signRecord(record, de);
    expect(decodeRecordJws(jws)).toEqual({ id, kid: de.kid, payload, value: record });
    const forged = forge({ alg: 'none' }, '{"author":"FR"}');
    expect(decodeRecordJws(forged)?.value).toEqual({ author: 'FR' });
    expect(decodeRecordJws(forged)?.kid).toBeUndefined();
  });

  it('returns undefined for malformed input', () => {
    expect(decodeRecordJws('a.b')).toBeUndefined();
    expect(decodeRecordJws(`${b64url('{}')}.${b64url('not json')}.${b64url('sig')}`)).toBeUndefined();
  });
});

describe('newNonce', () => {
  it('is 16 random bytes of base64url, valid for the record schema', () => {
    const nonces = new Set(Array.from({ length: 200 }, newNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      expect(nonceSchema.safeParse(nonce).success).toBe(true);
      expect(Buffer.from(nonce, 'base64url')).toHaveLength(16);
    }
  });
});
