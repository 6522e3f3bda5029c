import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { SightlineError } from '../../../sdk/errors.js';
import { signPeerToken, verifyPeerToken } from '../../../sdk/peer/index.js';
import { atNl, keys, NOW, NOW_SECONDS } from './peer-fixtures.js';

const deToNl = { issuer: 'DE', audience: 'NL', operation: 'feed.read' as const, key: keys.DE, now: NOW };

async function signError(input: Parameters<typeof signPeerToken>[0]): Promise<string | undefined> {
  try {
    await signPeerToken(input);
  } catch (error) {
    return error instanceof SightlineError ? error.code : 'not a SightlineError';
  }
  return undefined;
}

describe('signPeerToken', () => {
  it('writes the pinned header and all six claims, with a 60 s default lifetime', async () => {
    const token = await signPeerToken(deToNl);
    expect(decodeProtectedHeader(token)).toEqual({
      alg: 'Ed25519',
      kid: keys.DE.kid,
      typ: 'sightline-peer+jwt',
    });
    const claims = decodeJwt(token);
    expect(claims).toEqual({
      iss: 'DE',
      aud: 'NL',
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 60,
      jti: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      op: 'feed.read',
    });
  });

  it('round-trips through verifyPeerToken and returns what the replay store needs', async () => {
    const token = await signPeerToken({ ...deToNl, ttlSeconds: 300 });
    const claims = await verifyPeerToken(token, atNl);
    expect(claims).toMatchObject({ iss: 'DE', aud: 'NL', op: 'feed.read', kid: keys.DE.kid });
    expect(claims.exp - claims.iat).toBe(300);
    expect(claims.jti).toBe(decodeJwt(token).jti);
  });

  it('uses a fresh jti for every token', async () => {
    const jtis = new Set(
      await Promise.all(Array.from({ length: 50 }, () => signPeerToken(deToNl))).then((tokens) =>
        tokens.map((token) => decodeJwt(token).jti),
      ),
    );
    expect(jtis.size).toBe(50);
  });

  it('refuses lifetimes over 300 s and other bad ttls', async () => {
    expect(await signError({ ...deToNl, ttlSeconds: 301 })).toBe('invalid_ttl');
    expect(await signError({ ...deToNl, ttlSeconds: 0 })).toBe('invalid_ttl');
    expect(await signError({ ...deToNl, ttlSeconds: 1.5 })).toBe('invalid_ttl');
    expect(await signError({ ...deToNl, ttlSeconds: 300 })).toBeUndefined();
  });

  it('refuses keys that are not Ed25519 private keys matching the kid', async () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(await signError({ ...deToNl, key: { kid: keys.DE.kid, privateKey: p256 } })).toBe('invalid_key');
    expect(await signError({ ...deToNl, key: { kid: keys.DE.kid, privateKey: keys.DE.publicKey } })).toBe(
      'invalid_key',
    );
    expect(await signError({ ...deToNl, key: { kid: keys.FR.kid, privateKey: keys.DE.privateKey } })).toBe(
      'invalid_key',
    );
  });

  it('refuses member ids and operations outside the allow-lists', async () => {
    expect(await signError({ ...deToNl, issuer: 'DEU' })).toBe('invalid_member_id');
    expect(await signError({ ...deToNl, audience: 'nl' })).toBe('invalid_member_id');
    expect(await signError({ ...deToNl, operation: 'admin' as never })).toBe('invalid_operation');
    expect(await signError({ ...deToNl, now: new Date(Number.NaN) })).toBe('invalid_time');
  });
});
