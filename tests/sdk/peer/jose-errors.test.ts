import { errors, type JWTVerifyOptions, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { peerTokenErrorFromJose } from '../../../sdk/peer/jose-errors.js';
import { claims, craft, header, keys, NOW, NOW_SECONDS } from './peer-fixtures.js';

// Real jose failures (jwtVerify on crafted tokens, no pre-checks of ours), translated to our codes.
async function joseFailure(token: string, options: JWTVerifyOptions = {}): Promise<unknown> {
  return jwtVerify(token, keys.DE.publicKey, { currentDate: NOW, ...options }).then(
    () => new Error('jose accepted the token'),
    (error: unknown) => error,
  );
}

describe('peerTokenErrorFromJose', () => {
  it.each([
    ['expired', craft(header(), claims({ exp: NOW_SECONDS - 10 })), {}, 'token_expired'],
    [
      'iat in the future',
      craft(header(), claims({ iat: NOW_SECONDS + 60 })),
      { maxTokenAge: 300 },
      'token_not_yet_valid',
    ],
    ['nbf in the future', craft(header(), claims({ nbf: NOW_SECONDS + 60 })), {}, 'token_not_yet_valid'],
    ['typ', craft(header({ typ: 'JWT' }), claims()), { typ: 'sightline-peer+jwt' }, 'token_bad_type'],
    ['aud', craft(header(), claims()), { audience: 'FR' }, 'token_bad_audience'],
    ['iss', craft(header(), claims()), { issuer: 'FR' }, 'token_unknown_issuer'],
    [
      'missing claim',
      craft(header(), claims({ jti: undefined })),
      { requiredClaims: ['jti'] },
      'token_malformed',
    ],
    ['signature', craft(header(), claims(), keys.FR.privateKey), {}, 'token_bad_signature'],
    [
      'alg not allowed',
      craft(header({ alg: 'EdDSA' }), claims()),
      { algorithms: ['Ed25519'] },
      'token_unsupported_alg',
    ],
    ['not a JWS', 'a.b', {}, 'token_malformed'],
  ] as Array<[string, string, JWTVerifyOptions, string]>)('%s', async (_case, token, options, code) => {
    const failure = await joseFailure(token, options);
    expect(failure).toBeInstanceOf(errors.JOSEError);
    expect(peerTokenErrorFromJose(failure).code).toBe(code);
  });

  it('rethrows what is not a JOSE error', () => {
    const bug = new TypeError('resolver bug');
    expect(() => peerTokenErrorFromJose(bug)).toThrow(bug);
  });
});
