import { describe, expect, it } from 'vitest';
import { seedBodies } from '../../../api/node/seed.js';
import type { SignedRecord } from '../../../schemas/record.js';
import { loadFederation, parseFederationFile } from '../../../sdk/federation/index.js';
import { generateKeyPair, publicJwk } from '../../../sdk/keys/index.js';
import { newNonce, type SignedRecordJws, signRecord, verifyRecord } from '../../../sdk/record/index.js';

// Pinned keys from a federation file plus JWKSs, verified offline.
const de = { record: generateKeyPair(), log: generateKeyPair(), peer: generateKeyPair() };
const fr = { record: generateKeyPair(), peer: generateKeyPair() };
const unsupplied = generateKeyPair();
const file = {
  members: [
    {
      id: 'DE',
      url: 'https://de.example',
      keys: { record: [de.record.kid], log: [de.log.kid], peer: [de.peer.kid] },
    },
    { id: 'FR', keys: { record: [fr.record.kid, unsupplied.kid], peer: [fr.peer.kid] } },
  ],
};
const jwksOf = (...pairs: { publicKey: import('node:crypto').KeyObject }[]) => ({
  keys: pairs.map((pair) => publicJwk(pair.publicKey)),
});
const jwks = { DE: jwksOf(de.record, de.log, de.peer), FR: jwksOf(fr.record, fr.peer, generateKeyPair()) };

const sign = (
  author: string,
  key: { kid: string; privateKey: import('node:crypto').KeyObject },
): SignedRecordJws =>
  signRecord(
    {
      ...(seedBodies()[0] as object),
      type: 'observation',
      author,
      createdAt: '2026-11-28T12:00:00Z',
      nonce: newNonce(),
    } as SignedRecord,
    key,
  );

describe('loadFederation', () => {
  it('verifies records by pinned record keys, per member', () => {
    const federation = loadFederation(file, jwks);
    expect(verifyRecord(sign('DE', de.record).jws, federation.records.resolve)).toMatchObject({
      ok: true,
      author: 'DE',
    });
    expect(verifyRecord(sign('FR', fr.record).jws, federation.records.resolve)).toMatchObject({
      ok: true,
      author: 'FR',
    });
    // FR's key signing in DE's name.
    expect(verifyRecord(sign('DE', fr.record).jws, federation.records.resolve)).toMatchObject({
      ok: false,
      code: 'author_mismatch',
    });
  });

  it('keeps roles apart: a log or peer key never verifies a record', () => {
    const federation = loadFederation(file, jwks);
    expect(verifyRecord(sign('DE', de.log).jws, federation.records.resolve)).toMatchObject({
      code: 'unknown_kid',
    });
    expect(verifyRecord(sign('DE', de.peer).jws, federation.records.resolve)).toMatchObject({
      code: 'unknown_kid',
    });
    expect(federation.log.kids()).toEqual([de.log.kid]);
    expect(federation.witness.kids()).toEqual([]);
    expect(federation.peer.kids().sort()).toEqual([de.peer.kid, fr.peer.kid].sort());
  });

  it('accepts one JWKS or a plain list, ignores unpinned keys and lists pins without material', () => {
    const all = [...jwks.DE.keys, ...jwks.FR.keys];
    for (const material of [all, { keys: all }, jwks]) {
      const federation = loadFederation(file, material);
      expect(federation.records.kids().sort()).toEqual([de.record.kid, fr.record.kid].sort());
      expect(federation.missing).toEqual({ record: [unsupplied.kid], log: [], witness: [], peer: [] });
    }
  });

  it('resolves peer-token keys only for the member they are pinned to', () => {
    const { peerResolver } = loadFederation(file, jwks);
    expect(peerResolver('FR', fr.peer.kid)).toBeDefined();
    expect(peerResolver('DE', fr.peer.kid)).toBeUndefined();
    expect(peerResolver('IT', fr.peer.kid)).toBe('unknown_issuer');
  });

  it('reads the file as text, and refuses invalid files naming the field', () => {
    expect(parseFederationFile(JSON.stringify(file)).members.map((member) => member.id)).toEqual([
      'DE',
      'FR',
    ]);
    expect(() => loadFederation('{"members": [', jwks)).toThrow(
      expect.objectContaining({ code: 'invalid_federation' }),
    );
    expect(() => loadFederation({ members: [{ id: 'XX', keys: {} }] }, jwks)).toThrow(/members\.0\.id/);
    expect(() => loadFederation({ members: [], extra: 1 }, jwks)).toThrow(
      expect.objectContaining({ code: 'invalid_federation' }),
    );
  });

  it('passes over a malformed copy of a pinned key that another key set serves beside a good copy', () => {
    const badCopies = [
      { ...publicJwk(de.record.publicKey), use: 'enc' },
      { ...publicJwk(de.record.publicKey), note: 'not a JWK member' },
    ];
    for (const bad of badCopies) {
      for (const sets of [
        { FR: { keys: [bad] }, DE: jwks.DE },
        { DE: jwks.DE, FR: { keys: [bad] } },
      ]) {
        const federation = loadFederation(file, sets);
        expect(verifyRecord(sign('DE', de.record).jws, federation.records.resolve).ok).toBe(true);
      }
    }
  });

  it('refuses a key pinned to two members, and a pinned JWK that carries a private key', () => {
    const twice = { members: [...file.members, { id: 'NL', keys: { record: [de.record.kid] } }] };
    expect(() => loadFederation(twice, jwks)).toThrow(expect.objectContaining({ code: 'key_conflict' }));
    const leaked = { ...publicJwk(de.record.publicKey), d: de.record.privateKey.export({ format: 'jwk' }).d };
    expect(() => loadFederation(file, [leaked])).toThrow(expect.objectContaining({ code: 'invalid_key' }));
  });
});
