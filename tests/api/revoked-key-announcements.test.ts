import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKeyAnnouncements } from '../../api/fed/key-announcements.js';
import { fillPinnedKeys } from '../../api/fed/member-keys.js';
import { pinMember } from '../../api/fed/registry.js';
import { ingestRecords } from '../../api/ingest/ingest.js';
import type { SignedRecord } from '../../schemas/record.js';
import { generateKeyPair, publicJwk, signKeyAnnouncement, signKeyRotation } from '../../sdk/keys/index.js';
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
    const rotation = await signKeyRotation(
      { member: 'DE', role: 'record', at: '2026-02-01T00:00:00Z' },
      stolen,
      attacker,
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

describe('announcements that contest each other', () => {
  type Pair = ReturnType<typeof generateKeyPair>;
  const pinFor = async (member: string, keys: Pair[], withoutMaterial: Pair[] = []) => {
    await pinMember(fr.ctx, {
      id: member,
      url: null,
      keys: { record: [...keys, ...withoutMaterial].map((k) => k.kid) },
    });
    await fillPinnedKeys(
      fr.ctx,
      keys.map((k) => publicJwk(k.publicKey)),
    );
  };
  const rotation = (member: string, from: Pair, to: Pair) =>
    signKeyRotation({ member, role: 'record', at: '2026-02-01T00:00:00Z' }, from, to);
  const revocation = (member: string, kid: string, since: string, signer: Pair) =>
    signKeyAnnouncement(
      { type: 'key-revocation', member, role: 'record', kid, since, at: '2026-02-01T00:00:00Z' },
      signer,
    );
  const pin = async (kid: string) => (await fr.ctx.db.query.memberKeys.findMany()).find((p) => p.kid === kid);

  it('a thief’s announcements with a stolen key never apply, with or without the member’s revocation beside them', async () => {
    const [stolenKey, inUse, thief] = [generateKeyPair(), generateKeyPair(), generateKeyPair()];
    await pinFor('NL', [stolenKey, inUse]);
    const theirs = [
      await rotation('NL', stolenKey, thief),
      await revocation('NL', inUse.kid, '1970-01-01T00:00:00Z', stolenKey),
    ];
    const ours = await revocation('NL', stolenKey.kid, '2025-01-01T00:00:00Z', inUse);
    // Listed after the thief's: each key revokes the other, so neither revocation nor the rotation applies.
    expect(await applyKeyAnnouncements(fr.ctx, [...theirs, ours])).toBe(0);
    expect(await pin(thief.kid)).toBeUndefined();
    expect((await pin(inUse.kid))?.revokedSince).toBeNull();
    // Alone, the member's revocation applies, and the thief's announcements are refused from then on.
    expect(await applyKeyAnnouncements(fr.ctx, [ours])).toBe(1);
    expect(await applyKeyAnnouncements(fr.ctx, theirs)).toBe(0);
    expect((await pin(inUse.kid))?.revokedSince).toBeNull();
  });

  it('a key rotated away signs nothing after the rotation', async () => {
    const [first, second, thief] = [generateKeyPair(), generateKeyPair(), generateKeyPair()];
    await pinFor('JP', [first]);
    expect(await applyKeyAnnouncements(fr.ctx, [await rotation('JP', first, second)])).toBe(1);
    const late = [
      await rotation('JP', first, thief),
      await revocation('JP', second.kid, '1970-01-01T00:00:00Z', first),
    ];
    expect(await applyKeyAnnouncements(fr.ctx, late)).toBe(0);
    expect(await pin(thief.kid)).toBeUndefined();
    expect((await pin(second.kid))?.revokedSince).toBeNull();
  });

  it('two rotations of one key to different keys are both refused', async () => {
    const [only, one, other] = [generateKeyPair(), generateKeyPair(), generateKeyPair()];
    await pinFor('IT', [only]);
    expect(
      await applyKeyAnnouncements(fr.ctx, [
        await rotation('IT', only, one),
        await rotation('IT', only, other),
      ]),
    ).toBe(0);
    expect(await pin(one.kid)).toBeUndefined();
    expect(await pin(other.kid)).toBeUndefined();
  });

  it('a revocation applies to a key pinned by thumbprint whose material has not arrived yet', async () => {
    const [signer, unseen] = [generateKeyPair(), generateKeyPair()];
    await pinFor('ES', [signer], [unseen]);
    expect(
      await applyKeyAnnouncements(fr.ctx, [
        await revocation('ES', unseen.kid, '2025-01-01T00:00:00Z', signer),
      ]),
    ).toBe(1);
    expect((await pin(unseen.kid))?.revokedSince).not.toBeNull();
  });
});
