import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKeyAnnouncements } from '../../api/fed/key-announcements.js';
import { fillPinnedKeys } from '../../api/fed/member-keys.js';
import { pinMember } from '../../api/fed/registry.js';
import { ingestRecords } from '../../api/ingest/ingest.js';
import type { SignedRecord } from '../../schemas/record.js';
import { generateKeyPair, publicJwk, signKeyAnnouncement } from '../../sdk/keys/index.js';
import { newNonce, signRecord } from '../../sdk/record/index.js';
import { observationBody } from '../federation/support/bodies.js';
import { createTestNode, type TestNode } from '../support/node.js';

// A key is revoked because it is presumed stolen: whoever holds it must not be able to pin a key of their own
// for the member, nor revoke the member's key in use.
let fr: TestNode;
const stolen = generateKeyPair();
const current = generateKeyPair();
const attacker = generateKeyPair();

beforeAll(async () => {
  fr = await createTestNode('FR');
  await pinMember(fr.ctx, { id: 'DE', url: null, keys: { record: [stolen.kid, current.kid] } });
  await fillPinnedKeys(fr.ctx, [publicJwk(stolen.publicKey), publicJwk(current.publicKey)]);
  const revocation = await signKeyAnnouncement(
    {
      type: 'key-revocation',
      member: 'DE',
      role: 'record',
      kid: stolen.kid,
      since: '2025-01-01T00:00:00Z',
      at: '2026-01-01T00:00:00Z',
    },
    current,
  );
  expect(await applyKeyAnnouncements(fr.ctx, [revocation])).toBe(1);
});
afterAll(() => fr?.close());

const signedBy = (key: ReturnType<typeof generateKeyPair>, summary: string) =>
  signRecord(
    {
      ...observationBody('TLP:GREEN', undefined, summary),
      type: 'observation',
      author: 'DE',
      createdAt: '2026-03-01T00:00:00Z',
      nonce: newNonce(),
    } as SignedRecord,
    key,
  ).jws;

describe('announcements signed with a revoked key', () => {
  it('are ignored: no attacker key is pinned, the key in use stays valid', async () => {
    const rotation = await signKeyAnnouncement(
      {
        type: 'key-rotation',
        member: 'DE',
        role: 'record',
        oldKid: stolen.kid,
        newKid: attacker.kid,
        newJwk: publicJwk(attacker.publicKey),
        at: '2026-02-01T00:00:00Z',
      },
      stolen,
    );
    const revocation = await signKeyAnnouncement(
      {
        type: 'key-revocation',
        member: 'DE',
        role: 'record',
        kid: current.kid,
        since: '1970-01-01T00:00:00Z',
        at: '2026-02-01T00:00:00Z',
      },
      stolen,
    );
    expect(await applyKeyAnnouncements(fr.ctx, [rotation, revocation])).toBe(0);
    const [forged, genuine] = await ingestRecords(
      fr.ctx,
      [signedBy(attacker, 'forged with the attacker key'), signedBy(current, 'signed with the key in use')],
      { from: 'DE' },
    );
    expect(forged).toMatchObject({ status: 'rejected', code: 'unknown_kid' });
    expect(genuine).toMatchObject({ status: 'accepted' });
  });
});
