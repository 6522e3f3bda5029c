// One member making more key announcements than any member needs must not hold back the others' records: the
// cap is per member. DE pulls from NL, played by the test, which relays JP's records beside its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ANNOUNCEMENTS_PER_MEMBER } from '../../api/fed/announcement-cap.js';
import { fillPinnedKeys } from '../../api/fed/member-keys.js';
import { pinMember } from '../../api/fed/registry.js';
import { pullPeer } from '../../api/fed/sync/pull-peer.js';
import { generateKeyPair, publicJwk, signKeyAnnouncement } from '../../sdk/keys/index.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { FakePeer } from './support/fake-peer.js';

let de: TestNode;
const nl = new FakePeer('NL');
const nlSpare = generateKeyPair();
const jp = generateKeyPair();

/** NL's revocations of its spare record key, each with its own start: every one verifies and applies. */
const revocations = (count: number, offset = 0) =>
  Promise.all(
    Array.from({ length: count }, (_, n) =>
      signKeyAnnouncement(
        {
          type: 'key-revocation',
          member: 'NL',
          role: 'record',
          kid: nlSpare.kid,
          since: new Date(Date.UTC(2026, 0, 1) - (n + offset) * 1000).toISOString().replace('.000Z', 'Z'),
          at: '2026-02-01T00:00:00Z',
        },
        nl.recordKey,
      ),
    ),
  );

const pull = async () => (await pullPeer(de.ctx, 'NL')).reduce((sum, page) => sum + page.accepted, 0);
const spareRevokedSince = async () =>
  (await de.ctx.db.query.memberKeys.findMany()).find((pin) => pin.kid === nlSpare.kid)?.revokedSince;
const rejections = () => de.ctx.db.query.rejections.findMany();

beforeAll(async () => {
  await nl.start();
  de = await createTestNode('DE');
  const identity = nl.identity;
  await pinMember(de.ctx, {
    ...identity,
    keys: { ...identity.keys, record: [nl.recordKey.kid, nlSpare.kid] },
  });
  await pinMember(de.ctx, { id: 'JP', url: null, keys: { record: [jp.kid] } });
  await fillPinnedKeys(de.ctx, [publicJwk(nlSpare.publicKey), publicJwk(jp.publicKey)]);
  nl.trustCaller('DE', publicJwk(de.ctx.keys.peer.publicKey));
});
afterAll(async () => {
  await de?.close();
  await nl.close();
});

describe('key announcements per member', () => {
  it('a member past the cap has none taken up and its records refused; others’ records are taken', async () => {
    nl.announcements.push(...(await revocations(MAX_ANNOUNCEMENTS_PER_MEMBER + 1)));
    const own = nl.sign('TLP:GREEN', 'NL, past the cap');
    const relayed = nl.sign('TLP:GREEN', 'JP, relayed by NL', { author: 'JP', key: jp });
    nl.feed.push(own.jws, relayed.jws);

    expect(await pull()).toBe(1);
    expect(await spareRevokedSince()).toBeNull();
    expect((await de.request(`/v1/observations/${relayed.id}`, { role: 'reader' })).status).toBe(200);
    expect((await de.request(`/v1/observations/${own.id}`, { role: 'reader' })).status).toBe(404);
    expect(await rejections()).toMatchObject([
      { from: 'NL', recordId: own.id, code: 'key_announcements_over_cap' },
    ]);
  });

  it('a member within the cap has every announcement taken up, and its records taken', async () => {
    nl.announcements.length = 0;
    nl.announcements.push(...(await revocations(MAX_ANNOUNCEMENTS_PER_MEMBER)));
    const own = nl.sign('TLP:GREEN', 'NL, within the cap');
    nl.feed.push(own.jws);

    expect(await pull()).toBe(1);
    // The earliest start of the 200 wins.
    expect(Date.parse((await spareRevokedSince()) as string)).toBe(Date.parse('2025-12-31T23:56:41Z'));
  });

  it('a node serves one past the cap per member, so the list stays bounded and the excess shows', async () => {
    const { applyKeyAnnouncements } = await import('../../api/fed/key-announcements.js');
    expect(await applyKeyAnnouncements(de.ctx, await revocations(50, MAX_ANNOUNCEMENTS_PER_MEMBER))).toBe(50);
    const served = (await (await de.request('/fed/v1/keys', { role: 'none' })).json()) as {
      announcements: string[];
    };
    expect(served.announcements).toHaveLength(MAX_ANNOUNCEMENTS_PER_MEMBER + 1);
  });
});
