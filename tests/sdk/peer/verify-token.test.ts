import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SightlineError } from '../../../sdk/errors.js';
import { generateKeyPair, PinnedKeySet, publicJwk } from '../../../sdk/keys/index.js';
import {
  PeerTokenError,
  pinnedPeerKeyResolver,
  signPeerToken,
  type VerifyPeerTokenOptions,
  verifyPeerToken,
} from '../../../sdk/peer/index.js';
import { atNl, claims, craft, header, keys, NOW, NOW_SECONDS, refusal } from './peer-fixtures.js';

const verify = (token: string | undefined, options: Partial<VerifyPeerTokenOptions> = {}) =>
  verifyPeerToken(token, { ...atNl, ...options });
const codeOf = async (token: string | undefined, options: Partial<VerifyPeerTokenOptions> = {}) =>
  (await refusal(verify(token, options))).code;

describe('verifyPeerToken: each refusal has its code', () => {
  it('accepts a well-formed token (the baseline every case below departs from)', async () => {
    await expect(verify(craft(header(), claims()))).resolves.toMatchObject({ iss: 'DE', op: 'feed.read' });
    await expect(verify(craft(header({ alg: 'EdDSA' }), claims()))).resolves.toMatchObject({ iss: 'DE' });
  });

  it('token_missing', async () => {
    expect(await codeOf(undefined)).toBe('token_missing');
    expect(await codeOf('')).toBe('token_missing');
  });

  it.each([
    ['not a JWS', 'abc'],
    ['four segments', `${craft(header(), claims())}.x`],
    ['non-canonical base64url', craft(header(), claims()).replace(/^e/, 'e=')],
    ['extra header member', craft(header({ jku: 'https://evil.example/jwks' }), claims())],
    ['crit header', craft(header({ crit: ['b64'], b64: false }), claims())],
    ['no kid', craft({ alg: 'Ed25519', typ: 'sightline-peer+jwt' }, claims())],
    ['missing jti', craft(header(), claims({ jti: undefined }))],
    ['missing op', craft(header(), claims({ op: undefined }))],
    ['missing aud', craft(header(), claims({ aud: undefined }))],
    ['extra claim', craft(header(), claims({ sub: 'DE' }))],
    ['short jti (< 128 bits)', craft(header(), claims({ jti: 'AAAAAAAAAAAAAAAAAAAAA' }))],
    ['jti not base64url', craft(header(), claims({ jti: 'a+b/c=AAAAAAAAAAAAAAAAAAAA' }))],
    ['fractional iat', craft(header(), claims({ iat: NOW_SECONDS + 0.5 }))],
    ['string exp', craft(header(), claims({ exp: String(NOW_SECONDS + 60) }))],
    ['exp before iat', craft(header(), claims({ exp: NOW_SECONDS - 1 }))],
    ['numeric iss', craft(header(), claims({ iss: 7 }))],
  ])('token_malformed: %s', async (_case, token) => {
    expect(await codeOf(token)).toBe('token_malformed');
  });

  it('token_expired: exp more than 30 s ago; 29 s ago is tolerated', async () => {
    const token = craft(header(), claims({ iat: NOW_SECONDS - 90, exp: NOW_SECONDS - 60 }));
    expect(await codeOf(token, { now: new Date((NOW_SECONDS - 60 + 31) * 1000) })).toBe('token_expired');
    await expect(verify(token, { now: new Date((NOW_SECONDS - 60 + 29) * 1000) })).resolves.toBeDefined();
  });

  it('token_not_yet_valid: issued 31 s in the future; 29 s is tolerated', async () => {
    const future = (seconds: number) =>
      craft(header(), claims({ iat: NOW_SECONDS + seconds, exp: NOW_SECONDS + seconds + 60 }));
    expect(await codeOf(future(31))).toBe('token_not_yet_valid');
    await expect(verify(future(29))).resolves.toMatchObject({ iat: NOW_SECONDS + 29 });
  });

  it('token_not_yet_valid also with a smaller tolerance the node chooses', async () => {
    const token = craft(header(), claims({ iat: NOW_SECONDS + 5, exp: NOW_SECONDS + 65 }));
    expect(await codeOf(token, { clockToleranceSeconds: 2 })).toBe('token_not_yet_valid');
  });

  it('token_unknown_issuer: iss is no member', async () => {
    expect(await codeOf(craft(header(), claims({ iss: 'US' })))).toBe('token_unknown_issuer');
  });

  it('token_unknown_key: a kid nobody pinned', async () => {
    const stranger = generateKeyPair();
    const token = craft(header({ kid: stranger.kid }), claims(), stranger.privateKey);
    expect(await codeOf(token)).toBe('token_unknown_key');
  });

  it('token_unknown_key: a pinned key that is revoked signs no token', async () => {
    const pinnedRevoked = PinnedKeySet.fromKeys([
      { member: 'DE', jwk: publicJwk(keys.DE.publicKey), revokedSince: '2026-01-01T00:00:00Z' },
    ]);
    const resolveIssuerKey = pinnedPeerKeyResolver(pinnedRevoked, ['DE']);
    expect(await codeOf(craft(header(), claims()), { resolveIssuerKey })).toBe('token_unknown_key');
  });

  it('judges a revocation at the verification time the resolver is given, as the token is', async () => {
    const pinnedRevokedLater = PinnedKeySet.fromKeys([
      { member: 'DE', jwk: publicJwk(keys.DE.publicKey), revokedSince: '2026-11-28T13:00:00Z' },
    ]);
    const atNow = pinnedPeerKeyResolver(pinnedRevokedLater, ['DE'], { now: () => NOW });
    await expect(verify(craft(header(), claims()), { resolveIssuerKey: atNow })).resolves.toMatchObject({
      iss: 'DE',
    });
    const anHourLater = new Date(NOW.getTime() + 3_600_000);
    const later = pinnedPeerKeyResolver(pinnedRevokedLater, ['DE'], { now: () => anHourLater });
    expect(await codeOf(craft(header(), claims()), { resolveIssuerKey: later })).toBe('token_unknown_key');
  });

  it('token_bad_signature: altered claims, or the pinned kid with another key', async () => {
    const [head, , signature] = craft(header(), claims()).split('.');
    const altered = Buffer.from(JSON.stringify(claims({ op: 'inbox.push' }))).toString('base64url');
    expect(await codeOf(`${head}.${altered}.${signature}`)).toBe('token_bad_signature');
    expect(await codeOf(craft(header(), claims(), keys.FR.privateKey))).toBe('token_bad_signature');
  });

  it('token_bad_audience: a token DE made for FR, presented to NL (403)', async () => {
    const token = await signPeerToken({
      issuer: 'DE',
      audience: 'FR',
      operation: 'feed.read',
      key: keys.DE,
      now: NOW,
    });
    const error = await refusal(verify(token));
    expect([error.code, error.status]).toEqual(['token_bad_audience', 403]);
    expect(await codeOf(craft(header(), claims({ aud: ['NL', 'FR'] })))).toBe('token_bad_audience');
  });

  it('token_wrong_operation: a feed.read token used to push, or an operation we do not know (403)', async () => {
    const token = await signPeerToken({
      issuer: 'DE',
      audience: 'NL',
      operation: 'feed.read',
      key: keys.DE,
      now: NOW,
    });
    const error = await refusal(verify(token, { operation: 'inbox.push' }));
    expect([error.code, error.status]).toEqual(['token_wrong_operation', 403]);
    expect(error.wwwAuthenticate).toBe(
      'Bearer error="insufficient_scope", error_description="token is not for inbox.push"',
    );
    expect(await codeOf(craft(header(), claims({ op: 'admin' })))).toBe('token_wrong_operation');
  });

  it('token_lifetime_too_long: exp - iat of 301 s; 300 s passes', async () => {
    expect(await codeOf(craft(header(), claims({ exp: NOW_SECONDS + 301 })))).toBe('token_lifetime_too_long');
    await expect(verify(craft(header(), claims({ exp: NOW_SECONDS + 300 })))).resolves.toBeDefined();
  });

  it('token_bad_type: plain JWT, a record typ, or the media-type spelling', async () => {
    for (const typ of ['JWT', 'sightline-record+jws', 'application/sightline-peer+jwt', undefined]) {
      expect(await codeOf(craft(header({ typ }), claims()))).toBe('token_bad_type');
    }
  });

  it('token_unsupported_alg: anything but Ed25519 / EdDSA', async () => {
    for (const alg of ['ES256', 'RS256', 'HS256', 'none', 'ed25519', undefined]) {
      expect(await codeOf(craft(header({ alg }), claims()))).toBe('token_unsupported_alg');
    }
  });
});

describe('PeerTokenError as an HTTP answer', () => {
  it('401 with a bare Bearer challenge when no token came', async () => {
    const error = await refusal(verify(undefined));
    expect([error.status, error.wwwAuthenticate]).toEqual([401, 'Bearer']);
    expect(error.name).toBe('PeerTokenError');
  });

  it('401 invalid_token for authentication failures', async () => {
    const error = await refusal(verify(craft(header(), claims({ iss: 'US' }))));
    expect(error.status).toBe(401);
    expect(error.wwwAuthenticate).toBe(
      'Bearer error="invalid_token", error_description="issuer is not a federation member"',
    );
  });
});

describe('resolveIssuerKey results', () => {
  it('accepts a WebCrypto CryptoKey for the pinned key', async () => {
    const jwk = keys.DE.publicKey.export({ format: 'jwk' });
    const cryptoKey = await webcrypto.subtle.importKey('jwk', jwk, 'Ed25519', true, ['verify']);
    await expect(
      verify(craft(header(), claims()), { resolveIssuerKey: () => cryptoKey }),
    ).resolves.toBeDefined();
  });

  it('treats a resolver handing out a private or non-Ed25519 key as a configuration error, not a refusal', async () => {
    const outcome = await verify(craft(header(), claims()), {
      resolveIssuerKey: () => keys.DE.privateKey,
    }).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(SightlineError);
    expect(outcome).not.toBeInstanceOf(PeerTokenError);
    expect((outcome as SightlineError).code).toBe('invalid_key');
  });
});
