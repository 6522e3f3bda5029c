import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signPeerToken, verifyPeerToken } from '../../../sdk/peer/index.js';
import { atNl, claims, craft, header, hs256WithPublicKey, keys, NOW, refusal } from './peer-fixtures.js';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('peer tokens under attack', () => {
  it('refuses alg none, with or without a signature segment', async () => {
    const unsigned = `${b64url({ alg: 'none', typ: 'sightline-peer+jwt', kid: keys.DE.kid })}.${b64url(claims())}`;
    expect((await refusal(verifyPeerToken(`${unsigned}.`, atNl))).code).toBe('token_malformed');
    expect((await refusal(verifyPeerToken(`${unsigned}.AAAA`, atNl))).code).toBe('token_unsupported_alg');
  });

  it('refuses HS256 keyed with the public key bytes of the pinned key', async () => {
    const error = await refusal(verifyPeerToken(hs256WithPublicKey(claims(), keys.DE.publicKey), atNl));
    expect([error.code, error.status]).toEqual(['token_unsupported_alg', 401]);
  });

  it("refuses a member's key signing in another member's name", async () => {
    // FR signs with its own pinned key and kid but claims to be DE.
    const forged = craft(header({ kid: keys.FR.kid }), claims({ iss: 'DE' }), keys.FR.privateKey);
    expect((await refusal(verifyPeerToken(forged, atNl))).code).toBe('token_unknown_key');
    // The same token with its true issuer passes: the refusal is about the forged iss alone.
    const honest = craft(header({ kid: keys.FR.kid }), claims({ iss: 'FR' }), keys.FR.privateKey);
    await expect(verifyPeerToken(honest, atNl)).resolves.toMatchObject({ iss: 'FR' });
  });

  it('refuses a token whose kid header names DE but which FR signed', async () => {
    const token = craft(header(), claims(), keys.FR.privateKey);
    expect((await refusal(verifyPeerToken(token, atNl))).code).toBe('token_bad_signature');
  });

  it('refuses every one-character change to a valid token', async () => {
    const token = await signPeerToken({
      issuer: 'DE',
      audience: 'NL',
      operation: 'feed.read',
      key: keys.DE,
      now: NOW,
    });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    await fc.assert(
      fc.asyncProperty(fc.nat(token.length - 1), fc.constantFrom(...alphabet), async (at, char) => {
        fc.pre(token[at] !== char);
        const tampered = token.slice(0, at) + char + token.slice(at + 1);
        const error = await refusal(verifyPeerToken(tampered, atNl));
        expect(error.status).toBe(401);
      }),
      { numRuns: 300 },
    );
  });
});
