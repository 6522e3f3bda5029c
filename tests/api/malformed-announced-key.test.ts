import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKeyAnnouncements } from '../../api/fed/key-announcements.js';
import { fillPinnedKeys } from '../../api/fed/member-keys.js';
import { pinMember } from '../../api/fed/registry.js';
import { ingestRecords } from '../../api/ingest/ingest.js';
import { pinnedKeys } from '../../api/keys/pinned-keys.js';
import type { SignedRecord } from '../../schemas/record.js';
import { loadFederationWithAnnouncements } from '../../sdk/federation/index.js';
import { generateKeyPair, jwkThumbprint, publicJwk, signKeyAnnouncement } from '../../sdk/keys/index.js';
import { newNonce, signRecord } from '../../sdk/record/index.js';
import { observationBody } from '../federation/support/bodies.js';
import { createTestNode, type TestNode } from '../support/node.js';

// A JWK can carry a thumbprint and still not be a key (x of 3 bytes): pinned, it would make every key set of
// its role throw, so one member could break record reads and ingest for all. It must never become a pin.
let fr: TestNode;
const jp = generateKeyPair();
const notAKey = { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' } as const;
const notAKeyKid = jwkThumbprint(notAKey);

beforeAll(async () => {
  fr = await createTestNode('FR');
  await pinMember(fr.ctx, { id: 'JP', url: null, keys: { record: [jp.kid] } });
  await fillPinnedKeys(fr.ctx, [publicJwk(jp.publicKey)]);
});
afterAll(() => fr?.close());

const rotationToNotAKey = () =>
  signKeyAnnouncement(
    {
      type: 'key-rotation',
      member: 'JP',
      role: 'record',
      oldKid: jp.kid,
      newKid: notAKeyKid,
      newJwk: { ...notAKey, kid: notAKeyKid, use: 'sig', alg: 'Ed25519' },
      // No key signs for a JWK that is no key: the import must refuse it before anything else would.
      possession: 'not-a-signature',
      at: '2026-01-01T00:00:01Z',
    },
    jp,
  );

describe('a JWK that is no key', () => {
  it('in a rotation is refused: the key sets, record reads and ingest keep working', async () => {
    expect(await applyKeyAnnouncements(fr.ctx, [await rotationToNotAKey()])).toBe(0);
    for (const includeRevoked of [false, true]) {
      const keys = await pinnedKeys(fr.ctx.db, 'FR', { role: 'record', includeRevoked });
      expect(keys.resolve(jp.kid)?.member).toBe('JP');
    }
    const record = signRecord(
      {
        ...observationBody('TLP:GREEN', undefined, 'after the refused rotation'),
        type: 'observation',
        author: 'JP',
        createdAt: '2026-03-01T00:00:00Z',
        nonce: newNonce(),
      } as SignedRecord,
      jp,
    );
    const [outcome] = await ingestRecords(fr.ctx, [record.jws], { from: 'JP' });
    expect(outcome?.status).toBe('accepted');
    expect((await fr.request(`/v1/observations/${record.id}`, { role: 'reader' })).status).toBe(200);
  });

  it('in a rotation is ignored offline too', async () => {
    const file = { members: [{ id: 'JP', keys: { record: [jp.kid] } }] };
    const federation = await loadFederationWithAnnouncements(
      file,
      [publicJwk(jp.publicKey)],
      [await rotationToNotAKey()],
    );
    expect(federation.ignoredAnnouncements).toHaveLength(1);
  });

  it('served as a pinned thumbprint’s key material is not stored', async () => {
    const alsoNotAKey = { kty: 'OKP', crv: 'Ed25519', x: 'AAAB' } as const;
    const kid = jwkThumbprint(alsoNotAKey);
    await pinMember(fr.ctx, { id: 'IT', url: null, keys: { record: [kid] } });
    expect(await fillPinnedKeys(fr.ctx, [alsoNotAKey])).toBe(0);
    const keys = await pinnedKeys(fr.ctx.db, 'FR', { role: 'record', includeRevoked: true });
    expect(keys.resolve(kid)).toBeUndefined();
  });
});
