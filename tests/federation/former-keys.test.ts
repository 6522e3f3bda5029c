// A member joining after DE rotated its record key pins DE's former record keys from DE's identity, as
// confirmed out of band, and so takes DE's records from before the rotation. A former key verifies only what
// it signed: whoever stole it can sign no key announcement with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFederation, type MemberKids } from '../../api/cli/commands/audit-federation.js';
import { applyKeyAnnouncements } from '../../api/fed/key-announcements.js';
import { fillPinnedKeys, refreshKeysFrom } from '../../api/fed/member-keys.js';
import { pinMember, removeMember } from '../../api/fed/registry.js';
import { pullPeer } from '../../api/fed/sync/pull-peer.js';
import { privateKeyPath } from '../../api/node/keys.js';
import { seedBodies } from '../../api/node/seed.js';
import { loadFederationWithAnnouncements } from '../../sdk/federation/index.js';
import {
  generateKeyPair,
  importPrivatePem,
  signKeyAnnouncement,
  signKeyRotation,
} from '../../sdk/keys/index.js';
import { verifyRecord } from '../../sdk/record/index.js';
import { type ListeningNode, listeningTestNode } from './support/in-process-node.js';

let de: ListeningNode;
let fr: ListeningNode;
let jp: ListeningNode;
let nl: ListeningNode;
let formerKid: string;
const created: { before: string; after: string } = { before: '', after: '' };

interface Identity {
  id: string;
  url: string;
  keys: Record<string, string[]>;
  formerKeys?: { record: string[] };
}

async function create(index: number): Promise<string> {
  const res = await de.node.request('/v1/observations', {
    json: { ...seedBodies()[index], tlp: 'TLP:GREEN' },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/**
 * What an operator does: preview the member's identity, confirm it out of band, pin it (without its former
 * keys, or as an author it does not pull from, when told).
 */
async function pinFromPreview(on: ListeningNode, other: ListeningNode, drop?: 'formerKeys' | 'url') {
  const preview = await on.node.request('/v1/peers/preview', { role: 'admin', json: { url: other.url } });
  expect(preview.status).toBe(200);
  const { formerKeys, url, ...current } = (await preview.json()) as Identity;
  const identity = {
    ...current,
    ...(drop === 'url' ? {} : { url }),
    ...(drop === 'formerKeys' || !formerKeys ? {} : { formerKeys }),
  };
  const pinned = await on.node.request('/v1/peers', { role: 'admin', json: identity });
  expect(pinned.status).toBe(201);
}

/** DE's record kids, oldest first. */
const deRecordKids = async () =>
  (await de.node.ctx.db.query.nodeKeys.findMany())
    .filter((key) => key.role === 'record')
    .sort((x, y) => Date.parse(x.createdAt) - Date.parse(y.createdAt))
    .map((key) => key.kid);

const payloadOf = (jws: string) =>
  JSON.parse(Buffer.from(jws.split('.')[1] as string, 'base64url').toString('utf8')) as { kid?: string };

const holds = async (node: ListeningNode, id: string) =>
  (await node.node.request(`/v1/observations/${id}`, { role: 'reader' })).status === 200;

const stolenFormerKey = () => ({
  kid: formerKid,
  privateKey: importPrivatePem(
    readFileSync(privateKeyPath(join(de.node.dataDir, 'keys'), 'record', formerKid), 'utf8'),
  ),
});

beforeAll(async () => {
  de = await listeningTestNode('DE');
  created.before = await create(0);
  formerKid = de.node.ctx.keys.record.kid;
  const rotated = await de.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } });
  expect(rotated.status).toBe(201);
  created.after = await create(1);
  // FR and JP join now. DE pins both, so that they may pull from it.
  [fr, jp, nl] = (await Promise.all(['FR', 'JP', 'NL'].map(listeningTestNode))) as [
    ListeningNode,
    ListeningNode,
    ListeningNode,
  ];
  for (const joiner of [fr, jp]) await pinFromPreview(de, joiner);
  await pinFromPreview(fr, de);
  await pinFromPreview(jp, de, 'formerKeys');
  // NL pins DE as an author only: it has not read DE's rotation, as when someone strips it from a relay's list.
  await pinFromPreview(nl, de, 'url');
}, 120_000);

afterAll(async () => {
  await Promise.all([de, fr, jp, nl].map((node) => node?.close()));
});

describe('a member joining after a rotation', () => {
  it('sees the former record key in the identity, and pins it as former', async () => {
    const identity = (await (await fetch(`${de.url}/.well-known/sightline`)).json()) as Identity;
    expect(identity.formerKeys).toEqual({ record: [formerKid] });
    expect(identity.keys.record).not.toContain(formerKid);
    const { peers } = (await (await fr.node.request('/v1/peers', { role: 'reader' })).json()) as {
      peers: { id: string; keys: { record: string[] }; formerKeys: { record: string[] } }[];
    };
    const pinned = peers.find((peer) => peer.id === 'DE');
    expect(pinned?.formerKeys.record).toEqual([formerKid]);
    expect(pinned?.keys.record).toEqual(identity.keys.record);
  });

  it('takes the records signed before the rotation; without the former key they are refused', async () => {
    await pullPeer(fr.node.ctx, 'DE');
    await pullPeer(jp.node.ctx, 'DE');
    expect(await holds(fr, created.before)).toBe(true);
    expect(await holds(fr, created.after)).toBe(true);
    const view = (await (
      await fr.node.request(`/v1/observations/${created.before}`, { role: 'reader' })
    ).json()) as {
      verified: boolean;
    };
    expect(view.verified).toBe(true);
    expect(await holds(jp, created.before)).toBe(false);
    expect(await holds(jp, created.after)).toBe(true);
  });

  it('is audited offline with the former keys it pinned', async () => {
    const get = async (path: string) => (await fr.node.request(path, { role: 'reader' })).json();
    const self = (await (await fetch(`${fr.url}/.well-known/sightline`)).json()) as MemberKids;
    const { peers } = (await get('/v1/peers')) as { peers: MemberKids[] };
    const { keys, announcements } = (await (await fetch(`${fr.url}/fed/v1/keys`)).json()) as {
      keys: unknown[];
      announcements: string[];
    };
    const federation = await auditFederation(self, peers, keys, announcements);
    const { jws } = (await get(`/v1/observations/${created.before}`)) as { jws: string };
    expect(verifyRecord(jws, federation.records.resolve)).toMatchObject({ ok: true, kid: formerKid });
  });

  it('lets whoever stole the former key sign no key announcement', async () => {
    const stolen = stolenFormerKey();
    const revocation = await signKeyAnnouncement(
      {
        type: 'key-revocation',
        member: 'DE',
        role: 'record',
        kid: de.node.ctx.keys.record.kid,
        since: '1970-01-01T00:00:00Z',
        at: '2026-11-29T00:00:00Z',
      },
      stolen,
    );
    const rotation = await signKeyRotation(
      { member: 'DE', role: 'record', at: '2026-11-29T00:00:00Z' },
      stolen,
      generateKeyPair(),
    );
    const jwks = (await (await fetch(`${de.url}/.well-known/jwks.json`)).json()) as { keys: unknown[] };
    await fillPinnedKeys(nl.node.ctx, jwks.keys);
    expect(await applyKeyAnnouncements(nl.node.ctx, [revocation, rotation])).toBe(0);
    const pins = await nl.node.ctx.db.query.memberKeys.findMany();
    expect(pins.every((pin) => pin.jwk !== null)).toBe(true);
    expect(pins.every((pin) => pin.revokedSince === null)).toBe(true);
    expect(pins.filter((pin) => pin.member === 'DE' && pin.role === 'record')).toHaveLength(2);

    // Offline too: the federation file's former keys verify records and sign nothing.
    const identity = (await (await fetch(`${de.url}/.well-known/sightline`)).json()) as Identity;
    const file = { members: [{ id: 'DE', keys: identity.keys, formerKeys: identity.formerKeys }] };
    const federation = await loadFederationWithAnnouncements(file, jwks, [revocation]);
    expect(federation.ignoredAnnouncements).toEqual([revocation]);
    const jws = (
      (await (await de.node.request(`/v1/observations/${created.before}`, { role: 'reader' })).json()) as {
        jws: string;
      }
    ).jws;
    expect(verifyRecord(jws, federation.records.resolve)).toMatchObject({ ok: true, kid: formerKid });
  });

  it('no longer lists a former key once it is revoked', async () => {
    const revoked = await de.node.request('/v1/keys/revoke', {
      role: 'admin',
      json: { kid: formerKid, since: '2026-01-01T00:00:00Z' },
    });
    expect(revoked.status).toBe(201);
    const identity = (await (await fetch(`${de.url}/.well-known/sightline`)).json()) as Identity;
    expect(identity.formerKeys).toEqual({ record: [] });
  });

  it('takes a revocation its signer made before a later rotation, when pinned afresh after it', async () => {
    // NL pinned DE with the former key A and B in force, and has not read DE's announcements since. DE revoked
    // A (signed by B), then rotated B to C. NL's operator pins DE afresh from its identity: C, with B former.
    const b = de.node.ctx.keys.record.kid;
    const rotated = await de.node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } });
    expect(rotated.status).toBe(201);
    await pinFromPreview(nl, de, 'url');
    const pins = await nl.node.ctx.db.query.memberKeys.findMany();
    expect(pins.find((pin) => pin.kid === b)?.former).toBe(true);
    // B, now former, signs no announcement: the rotation had C sign A's revocation again.
    await refreshKeysFrom(nl.node.ctx, de.url);
    const pin = (await nl.node.ctx.db.query.memberKeys.findMany()).find((p) => p.kid === formerKid);
    expect(Date.parse(pin?.revokedSince as string)).toBe(Date.parse('2026-01-01T00:00:00Z'));
    // DE relays the copy of its key in force alone, so re-signing grows its list by nothing; the SDK, with a
    // federation file pinning B, follows B's rotation to C and takes it.
    const [a, , c] = await deRecordKids();
    const { announcements } = (await (await fetch(`${de.url}/fed/v1/keys`)).json()) as {
      announcements: string[];
    };
    const revocationsOfA = announcements.filter((jws) => payloadOf(jws).kid === a);
    expect(revocationsOfA.map((jws) => decodeProtectedHeader(jws).kid)).toEqual([c]);
    const jwks = (await (await fetch(`${de.url}/.well-known/jwks.json`)).json()) as { keys: unknown[] };
    const stale = {
      members: [{ id: 'DE', keys: { record: [b] }, formerKeys: { record: [a as string] } }],
    };
    const offline = await loadFederationWithAnnouncements(stale, jwks, announcements);
    expect(offline.records.resolve(a as string)?.revokedSince).toBeDefined();
  });

  it('pinned again from an older identity, follows the rotations the node kept', async () => {
    const [, b, c] = await deRecordKids();
    await refreshKeysFrom(jp.node.ctx, de.url);
    const pinsOfDe = async () =>
      (await jp.node.ctx.db.query.memberKeys.findMany())
        .filter((pin) => pin.member === 'DE')
        .map((p) => p.kid);
    expect(await pinsOfDe()).toContain(c);
    // JP's operator removes DE and pins it again from a federation file written before DE's last rotation.
    await removeMember(jp.node.ctx, 'DE');
    await pinMember(jp.node.ctx, { id: 'DE', url: de.url, keys: { record: [b as string] } });
    await refreshKeysFrom(jp.node.ctx, de.url);
    expect(await pinsOfDe()).toContain(c);
  });
});
