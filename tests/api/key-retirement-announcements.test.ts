import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKeyAnnouncements } from '../../api/fed/key-announcements.js';
import { fillPinnedKeys } from '../../api/fed/member-keys.js';
import { pinMember } from '../../api/fed/registry.js';
import {
  type Ed25519KeyPair,
  generateKeyPair,
  publicJwk,
  signKeyAnnouncement,
} from '../../sdk/keys/index.js';
import { createTestNode, type TestNode } from '../support/node.js';

// FR pins DE's record keys `current` and `pinnedOld`, and JP's. DE's key `stolen` is revoked at FR, `rotated`
// was rotated away to `successor`. Only a retirement signed by a DE key in force may pin a former key.
let fr: TestNode;
const de = {
  current: generateKeyPair(),
  pinnedOld: generateKeyPair(),
  stolen: generateKeyPair(),
  rotated: generateKeyPair(),
  successor: generateKeyPair(),
};
const jp = generateKeyPair();
const at = '2026-03-01T00:00:01Z';

const retirement = (
  retired: Ed25519KeyPair,
  signer: Ed25519KeyPair,
  options: { member?: string; since?: string; at?: string; jwk?: object } = {},
) =>
  signKeyAnnouncement(
    {
      type: 'key-retirement',
      member: options.member ?? 'DE',
      role: 'record',
      kid: retired.kid,
      jwk: (options.jwk ?? publicJwk(retired.publicKey)) as ReturnType<typeof publicJwk>,
      since: options.since ?? '2026-03-01T00:00:00Z',
      at: options.at ?? at,
    },
    signer,
  );

const pinOf = async (kid: string) =>
  (await fr.ctx.db.query.memberKeys.findMany()).find((pin) => pin.kid === kid);

beforeAll(async () => {
  fr = await createTestNode('FR');
  const deKeys = [de.current, de.pinnedOld, de.stolen, de.rotated];
  await pinMember(fr.ctx, { id: 'DE', url: null, keys: { record: deKeys.map((k) => k.kid) } });
  await pinMember(fr.ctx, { id: 'JP', url: null, keys: { record: [jp.kid] } });
  await fillPinnedKeys(
    fr.ctx,
    [...deKeys, jp].map((k) => publicJwk(k.publicKey)),
  );
  const revocation = await signKeyAnnouncement(
    {
      type: 'key-revocation',
      member: 'DE',
      role: 'record',
      kid: de.stolen.kid,
      since: '2025-01-01T00:00:00Z',
      at,
    },
    de.current,
  );
  const rotation = await signKeyAnnouncement(
    {
      type: 'key-rotation',
      member: 'DE',
      role: 'record',
      oldKid: de.rotated.kid,
      newKid: de.successor.kid,
      newJwk: publicJwk(de.successor.publicKey),
      at,
    },
    de.rotated,
  );
  expect(await applyKeyAnnouncements(fr.ctx, [revocation, rotation])).toBe(2);
});
afterAll(() => fr?.close());

describe('key-retirement announcements at a node', () => {
  it('are ignored unless signed by a pinned key of the member in force, naming a key no other member holds', async () => {
    const former = generateKeyPair();
    const other = generateKeyPair();
    const ignored = [
      await retirement(former, generateKeyPair()), // unpinned signer
      await retirement(former, jp), // JP signing for DE
      await retirement(de.current, jp, { member: 'JP' }), // JP naming DE's key
      await retirement(former, de.stolen), // revoked signer
      await retirement(former, de.rotated), // signer rotated away
      await retirement(former, de.current, { jwk: publicJwk(other.publicKey) }), // JWK of another key
      await retirement(former, de.current, { jwk: { ...publicJwk(other.publicKey), kid: former.kid } }),
      await retirement(former, de.current, { since: '2026-03-02T00:00:00Z' }), // retired after it was signed
      await retirement(fr.ctx.keys.record, de.current), // FR's own key
    ];
    expect(await applyKeyAnnouncements(fr.ctx, ignored)).toBe(0);
    expect(await pinOf(former.kid)).toBeUndefined();
    expect(await pinOf(fr.ctx.keys.record.kid)).toBeUndefined();
    expect((await pinOf(de.current.kid))?.revokedSince).toBeNull();
    // The same retirement signed by DE's key in force is taken.
    expect(await applyKeyAnnouncements(fr.ctx, [await retirement(former, de.current)])).toBe(1);
  });

  it('pin a former key revoked from its start, which only moves earlier; a key pinned already keeps its standing', async () => {
    const former = generateKeyPair();
    expect(
      await applyKeyAnnouncements(fr.ctx, [
        await retirement(former, de.current),
        await retirement(de.pinnedOld, de.current),
      ]),
    ).toBe(2);
    expect(await pinOf(former.kid)).toMatchObject({ member: 'DE', role: 'record', viaRetirement: true });
    const start = async () => Date.parse((await pinOf(former.kid))?.revokedSince as string);
    expect(await start()).toBe(Date.parse('2026-03-01T00:00:00Z'));
    await applyKeyAnnouncements(fr.ctx, [
      await retirement(former, de.current, { since: '2026-02-01T00:00:00Z' }),
    ]);
    await applyKeyAnnouncements(fr.ctx, [
      await retirement(former, de.current, { since: '2026-02-15T00:00:00Z' }),
    ]);
    expect(await start()).toBe(Date.parse('2026-02-01T00:00:00Z'));
    expect(await pinOf(de.pinnedOld.kid)).toMatchObject({ revokedSince: null, viaRetirement: false });

    // The retired key signs no announcement any more, and a start later than now is taken as now.
    expect(await applyKeyAnnouncements(fr.ctx, [await retirement(generateKeyPair(), former)])).toBe(0);
    const late = generateKeyPair();
    const future = '2099-01-01T00:00:00Z';
    expect(
      await applyKeyAnnouncements(fr.ctx, [
        await retirement(late, de.current, { since: future, at: future }),
      ]),
    ).toBe(1);
    expect(Date.parse((await pinOf(late.kid))?.revokedSince as string)).toBeLessThanOrEqual(Date.now());
  });
});
