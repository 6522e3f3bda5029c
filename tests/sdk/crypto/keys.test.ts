import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { SightlineError } from '../../../sdk/errors.js';
import {
  decodeBase64,
  decodeBase64Url,
  exportPrivatePkcs8Pem,
  generateKeyPair,
  importPrivatePem,
  importPublicJwk,
  jwkThumbprint,
  PinnedKeySet,
  publicJwk,
  rawEd25519PublicKey,
} from '../../../sdk/keys/index.js';

const rfc8037 = JSON.parse(readFileSync(new URL('../../vectors/rfc8037.json', import.meta.url), 'utf8')) as {
  privateJwk: { kty: 'OKP'; crv: 'Ed25519'; d: string; x: string };
  publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  thumbprint: string;
};

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof SightlineError ? error.code : 'not a SightlineError';
  }
  return undefined;
}

describe('JWK thumbprints and publication', () => {
  it('matches the RFC 8037 appendix A.3 thumbprint', () => {
    expect(jwkThumbprint(rfc8037.publicJwk)).toBe(rfc8037.thumbprint);
    const privateKey = createPrivateKey({ key: rfc8037.privateJwk, format: 'jwk' });
    expect(publicJwk(privateKey)).toEqual({
      ...rfc8037.publicJwk,
      kid: rfc8037.thumbprint,
      use: 'sig',
      alg: 'Ed25519',
    });
  });

  it('matches jose.calculateJwkThumbprint for generated keys', async () => {
    for (let i = 0; i < 5; i++) {
      const { kid, publicKey } = generateKeyPair();
      const jwk = publicJwk(publicKey);
      expect(jwk.kid).toBe(kid);
      expect(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x })).toBe(kid);
      expect(rawEd25519PublicKey(publicKey).toString('base64url')).toBe(jwk.x);
    }
  });

  it('refuses thumbprints of non-OKP keys', () => {
    expect(errorCode(() => jwkThumbprint({ kty: 'EC', crv: 'P-256', x: 'AA' }))).toBe('invalid_key');
  });
});

describe('importPublicJwk', () => {
  const { x, kid } = publicJwk(generateKeyPair().publicKey);

  it('imports an OKP Ed25519 public key, with or without the optional members', () => {
    const key = importPublicJwk({ kty: 'OKP', crv: 'Ed25519', x });
    expect(key.asymmetricKeyType).toBe('ed25519');
    expect(publicJwk(key).x).toBe(x);
    expect(
      importPublicJwk({ kty: 'OKP', crv: 'Ed25519', x, kid, use: 'sig', alg: 'EdDSA', key_ops: ['verify'] })
        .type,
    ).toBe('public');
  });

  it.each([
    ['a private key', { kty: 'OKP', crv: 'Ed25519', x, d: rfc8037.privateJwk.d }],
    ['an X25519 key', { kty: 'OKP', crv: 'X25519', x }],
    ['an EC key', { kty: 'EC', crv: 'P-256', x, y: x }],
    ['a 31-byte x', { kty: 'OKP', crv: 'Ed25519', x: x.slice(0, 41) }],
    ['a padded x', { kty: 'OKP', crv: 'Ed25519', x: `${x}=` }],
    ['a base64 (not url) x', { kty: 'OKP', crv: 'Ed25519', x: `${x.slice(0, 42)}+` }],
    [
      'non-zero trailing bits in x',
      { kty: 'OKP', crv: 'Ed25519', x: `${x.slice(0, 42)}${x.endsWith('B') ? 'C' : 'B'}` },
    ],
    ['a missing x', { kty: 'OKP', crv: 'Ed25519' }],
    ['a member outside the allow-list', { kty: 'OKP', crv: 'Ed25519', x, x5u: 'https://example.com' }],
    ['use enc', { kty: 'OKP', crv: 'Ed25519', x, use: 'enc' }],
    ['alg ES256', { kty: 'OKP', crv: 'Ed25519', x, alg: 'ES256' }],
    ['key_ops sign', { kty: 'OKP', crv: 'Ed25519', x, key_ops: ['sign'] }],
    ['a kid that is not the thumbprint', { kty: 'OKP', crv: 'Ed25519', x, kid: rfc8037.thumbprint }],
    ['null', null],
    ['an array', [x]],
    ['a string', x],
  ])('refuses %s', (_name, jwk) => {
    expect(errorCode(() => importPublicJwk(jwk))).toBe('invalid_key');
  });
});

describe('private key files', () => {
  it('round-trips an Ed25519 key through PKCS #8 PEM', () => {
    const pair = generateKeyPair();
    const pem = exportPrivatePkcs8Pem(pair.privateKey);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(publicJwk(importPrivatePem(pem)).kid).toBe(pair.kid);
  });

  it('refuses other key types and garbage', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    });
    expect(errorCode(() => importPrivatePem(ec as string))).toBe('invalid_key');
    expect(errorCode(() => importPrivatePem('not a pem'))).toBe('invalid_key');
    expect(errorCode(() => exportPrivatePkcs8Pem(generateKeyPair().publicKey))).toBe('invalid_key');
  });
});

describe('PinnedKeySet', () => {
  const de = generateKeyPair();
  const deLog = generateKeyPair();
  const fr = generateKeyPair();

  it('resolves pinned kids to their member and nothing else', () => {
    const pinned = PinnedKeySet.fromKeys([
      { member: 'DE', jwk: publicJwk(de.publicKey) },
      { member: 'FR', jwk: publicJwk(fr.publicKey) },
    ]);
    expect(pinned.resolve(de.kid)?.member).toBe('DE');
    expect(pinned.resolve(fr.kid)?.member).toBe('FR');
    expect(pinned.resolve(deLog.kid)).toBeUndefined();
    expect(pinned.kids().sort()).toEqual([de.kid, fr.kid].sort());
  });

  it('refuses one key pinned to two members', () => {
    const jwk = publicJwk(de.publicKey);
    expect(
      errorCode(() =>
        PinnedKeySet.fromKeys([
          { member: 'DE', jwk },
          { member: 'FR', jwk },
        ]),
      ),
    ).toBe('key_conflict');
  });

  it('pins from a federation file per role, reporting pinned keys without a JWK', () => {
    const unknownKid = generateKeyPair().kid;
    const federation = {
      members: [
        { id: 'DE', keys: { record: [de.kid], log: [deLog.kid] } },
        { id: 'FR', keys: { record: [fr.kid, unknownKid] } },
      ],
    };
    const jwks = [de, deLog, fr, generateKeyPair()].map((pair) => publicJwk(pair.publicKey));
    const records = PinnedKeySet.fromFederation(federation, jwks);
    expect(records.resolve(de.kid)?.member).toBe('DE');
    expect(records.resolve(fr.kid)?.member).toBe('FR');
    expect(records.resolve(deLog.kid)).toBeUndefined();
    expect(records.missing).toEqual([unknownKid]);
    const logs = PinnedKeySet.fromFederation(federation, jwks, 'log');
    expect(logs.resolve(deLog.kid)?.member).toBe('DE');
    expect(logs.resolve(de.kid)).toBeUndefined();
  });
});

describe('strict base64', () => {
  it('decodes only the canonical unpadded base64url form', () => {
    expect(decodeBase64Url('AQID')?.toString('hex')).toBe('010203');
    expect(decodeBase64Url('AQI')?.toString('hex')).toBe('0102');
    expect(decodeBase64Url('AQ')?.toString('hex')).toBe('01');
    expect(decodeBase64Url('-_8')?.toString('hex')).toBe('fbff');
    for (const bad of ['AQ==', 'AQI=', 'A', 'AR', 'AQJ', '+/8', 'AQ I', 'AQ\n'])
      expect(decodeBase64Url(bad)).toBeUndefined();
  });

  it('decodes only the canonical padded standard base64 form', () => {
    expect(decodeBase64('AQ==')?.toString('hex')).toBe('01');
    expect(decodeBase64('+/8=')?.toString('hex')).toBe('fbff');
    for (const bad of ['AQ', 'AR==', 'AQJ=', '-_8=', 'AQ=', 'A==='])
      expect(decodeBase64(bad)).toBeUndefined();
  });
});
