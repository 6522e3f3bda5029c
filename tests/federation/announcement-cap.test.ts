// One member making more key announcements than any member needs must not hold back the others' records: the
// cap is per member. DE pulls from NL, played by the test, which relays JP's records and announcements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ANNOUNCEMENTS_PER_MEMBER } from '../../api/fed/announcement-cap.js';
import { applyKeyAnnouncements } from '../../api/fed/key-announcements.js';
import { fillPinnedKeys } from '../../api/fed/member-keys.js';
import { pinMember, removeMember } from '../../api/fed/registry.js';
import { pullPeer } from '../../api/fed/sync/pull-peer.js';
import {
  type Ed25519KeyPair,
  generateKeyPair,
  publicJwk,
  signKeyAnnouncement,
} from '../../sdk/keys/index.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { FakePeer } from './support/fake-peer.js';

let de: TestNode;
const nl = new FakePeer('NL');
const nlSpare = generateKeyPair();
const nlThird = generateKeyPair();
const jp = { key: generateKeyPair(), spare: generateKeyPair() };

const second = (n: number) => new Date(Date.UTC(2026, 0, 1) - n * 1000).toISOString().replace('.000Z', 'Z');

/** `count` revocations of `kid` by `member`, each with its own start: every one verifies and applies. */
const revocations = (member: string, kid: string, signer: Ed25519KeyPair, count: number, offset = 0) =>
  Promise.all(
    Array.from({ length: count }, (_, n) =>
      signKeyAnnouncement(
        { type: 'key-revocation', member, role: 'record', kid, since: second(n + offset), at: second(n) },
        signer,
      ),
    ),
  );

const pull = async () => (await pullPeer(de.ctx, 'NL')).reduce((sum, page) => sum + page.accepted, 0);
const revokedSince = async (kid: string) => {
  const since = (await de.ctx.db.query.memberKeys.findMany()).find((pin) => pin.kid === kid)?.revokedSince;
  return since ? new Date(since).toISOString() : since;
};
const holds = async (id: string) =>
  (await de.request(`/v1/observations/${id}`, { role: 'reader' })).status === 200;

async function pinNl() {
  const { keys } = nl.identity;
  await pinMember(de.ctx, {
    ...nl.identity,
    keys: { ...keys, record: [...keys.record, nlSpare.kid, nlThird.kid] },
  });
  const jwks = [nl.recordKey, nl.peerKey, nl.log.logKey, nlSpare, nlThird].map((key) =>
    publicJwk(key.publicKey),
  );
  await fillPinnedKeys(de.ctx, jwks);
}

beforeAll(async () => {
  await nl.start();
  de = await createTestNode('DE');
  await pinNl();
  await pinMember(de.ctx, { id: 'JP', url: null, keys: { record: [jp.key.kid, jp.spare.kid] } });
  await fillPinnedKeys(
    de.ctx,
    [jp.key, jp.spare].map((key) => publicJwk(key.publicKey)),
  );
  nl.trustCaller('DE', publicJwk(de.ctx.keys.peer.publicKey));
  nl.pageSize = 1;
});
afterAll(async () => {
  await de?.close();
  await nl.close();
});

describe('key announcements per member', () => {
  const records: { jp: string; nl: string; jpAfter: string } = { jp: '', nl: '', jpAfter: '' };

  it('a member past the cap has none taken up and its records refused; others’ are taken', async () => {
    nl.announcements.push(
      ...(await revocations('NL', nlSpare.kid, nl.recordKey, MAX_ANNOUNCEMENTS_PER_MEMBER + 1)),
    );
    nl.announcements.push(...(await revocations('JP', jp.spare.kid, jp.key, 1)));
    const signed = [
      nl.sign('TLP:GREEN', 'JP, relayed by NL', { author: 'JP', key: jp.key }),
      nl.sign('TLP:GREEN', 'NL, past the cap'),
      nl.sign('TLP:GREEN', 'JP, after NL’s', { author: 'JP', key: jp.key }),
    ];
    [records.jp, records.nl, records.jpAfter] = signed.map((record) => record.id) as [string, string, string];
    nl.feed.push(...signed.map((record) => record.jws));

    expect(await pull()).toBe(2);
    expect(await revokedSince(nlSpare.kid)).toBeNull();
    expect(await revokedSince(jp.spare.kid)).toBe('2026-01-01T00:00:00.000Z');
    expect(await holds(records.jp)).toBe(true);
    expect(await holds(records.jpAfter)).toBe(true);
    expect(await holds(records.nl)).toBe(false);
    expect(await de.ctx.db.query.rejections.findMany()).toMatchObject([
      { from: 'NL', recordId: records.nl, code: 'key_announcements_over_cap' },
    ]);
  });

  it('within the cap, every announcement is taken up; pinned afresh, the member’s refused records come again', async () => {
    nl.announcements.length = 0;
    nl.announcements.push(
      ...(await revocations('NL', nlSpare.kid, nl.recordKey, MAX_ANNOUNCEMENTS_PER_MEMBER)),
    );
    await removeMember(de.ctx, 'NL');
    await pinNl();
    expect(await pull()).toBe(1);
    expect(await holds(records.nl)).toBe(true);
    // The earliest start of the 200 wins.
    expect(await revokedSince(nlSpare.kid)).toBe('2025-12-31T23:56:41.000Z');
  });

  it('pinned again, a member has the revocations the node kept apply to its new pins', async () => {
    await removeMember(de.ctx, 'NL');
    expect(await revokedSince(nlSpare.kid)).toBeUndefined();
    await pinNl();
    expect(await revokedSince(nlSpare.kid)).toBe('2025-12-31T23:56:41.000Z');
  });

  it('a node relays one revocation per key and signer, so a flood cannot hide the one that counts', async () => {
    // Whoever stole NL's record key floods revocations of NL's spare key; NL then revokes the stolen key.
    expect(
      await applyKeyAnnouncements(de.ctx, await revocations('NL', nlSpare.kid, nl.recordKey, 300, 200)),
    ).toBe(300);
    const [revocation] = await revocations('NL', nl.recordKey.kid, nlThird, 1);
    expect(await applyKeyAnnouncements(de.ctx, [revocation as string])).toBe(1);

    const served = (await (await de.request('/fed/v1/keys', { role: 'none' })).json()) as {
      announcements: string[];
    };
    expect(served.announcements).toHaveLength(3);
    expect(served.announcements).toContain(revocation);
    expect(await revokedSince(nlSpare.kid)).toBe(new Date(second(499)).toISOString());
  });
});
