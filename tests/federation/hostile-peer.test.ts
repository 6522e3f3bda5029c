// A real node process (DE) facing a member node played by the test (NL): NL serves forged and tampered
// records, and calls DE with replayed, misaddressed, expired and otherwise wrong peer tokens.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../sdk/keys/index.js';
import { type PeerOperation, signPeerToken } from '../../sdk/peer/index.js';
import { expectProblem } from '../api/helpers/problem.js';
import { launchFacing } from './support/facing-fake-peer.js';
import { FakePeer } from './support/fake-peer.js';
import { ProcessFleet } from './support/fleet.js';
import { heldRecords, peerStatus, readObservation, syncNow } from './support/node-api.js';
import type { NodeProcess } from './support/node-process.js';
import { editPayload, flipSignatureBit } from './support/tamper.js';
import { STARTUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.js';

const fleet = new ProcessFleet();
const nl = new FakePeer('NL');
let de: NodeProcess;

beforeAll(async () => {
  await nl.start();
  de = await launchFacing(fleet, nl);
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await fleet.dispose();
  await nl.close();
});

describe('a peer serving forged and tampered records', () => {
  it(
    'rejects and counts the bad ones, stores none of them, stores the good ones and keeps syncing',
    async () => {
      const first = nl.sign('TLP:GREEN', 'good before');
      const flipped = nl.sign('TLP:GREEN', 'signature flipped');
      const altered = nl.sign('TLP:GREEN', 'payload edited');
      const edited = editPayload(altered.jws, (text) => text.replace('payload edited', 'payload EDITED'));
      const forged = nl.sign('TLP:GREEN', 'unpinned key', { key: generateKeyPair() });
      const impersonation = nl.sign('TLP:GREEN', 'claims to be FR', { author: 'FR' });
      const second = nl.sign('TLP:CLEAR', 'good after');
      nl.feed.push(
        first.jws,
        flipSignatureBit(flipped.jws),
        edited.jws,
        forged.jws,
        impersonation.jws,
        second.jws,
      );
      nl.pageSize = 2;

      const lines = await syncNow(de, 'NL');
      expect(lines.at(-1)).toEqual({ type: 'done', member: 'NL' });
      expect(lines.filter((l) => l.type === 'page').map((l) => [l.accepted, l.rejected])).toEqual([
        [1, 1],
        [0, 2],
        [1, 1],
      ]);
      // DE authenticated itself to NL with a valid peer token on every page.
      expect(nl.feedRequests).toEqual([-1, 1, 3].map((after) => ({ after, caller: 'DE' })));

      const held = await heldRecords(de);
      expect([...held.keys()].sort()).toEqual([first.id, second.id].sort());
      expect(held.get(first.id)?.jws).toBe(first.jws);
      expect(held.get(second.id)?.jws).toBe(second.jws);
      for (const id of [flipped.id, altered.id, edited.id, forged.id, impersonation.id]) {
        expect(await readObservation(de, id), id).toBeUndefined();
      }
      expect(await peerStatus(de, 'NL')).toMatchObject({
        received: 2,
        rejected: 4,
        cursor: 5,
        lag: 0,
        lastError: null,
      });

      // Sync goes on past the rejections: a new record is taken, nothing bad is offered again.
      const third = nl.sign('TLP:GREEN', 'good later');
      nl.feed.push(third.jws);
      const more = await syncNow(de, 'NL');
      expect(more.filter((l) => l.type === 'page').map((l) => [l.accepted, l.rejected])).toEqual([[1, 0]]);
      expect((await readObservation(de, third.id))?.jws).toBe(third.jws);
      expect(await peerStatus(de, 'NL')).toMatchObject({ received: 3, rejected: 4, cursor: 6 });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses a page whose records the peer’s checkpoint does not include, and stores nothing of it',
    async () => {
      const unlogged = nl.sign('TLP:GREEN', 'served but misstated in the log');
      nl.feed.push(unlogged.jws);
      nl.misstateInclusion = true;
      try {
        const lines = await syncNow(de, 'NL');
        expect(lines.at(-1)).toMatchObject({ type: 'error', member: 'NL' });
        expect(String(lines.at(-1)?.error)).toContain('leaf_mismatch');
        expect(await readObservation(de, unlogged.id)).toBeUndefined();
        expect(await peerStatus(de, 'NL')).toMatchObject({ received: 3, cursor: 6 });
        expect((await peerStatus(de, 'NL'))?.lastError).toContain('does not include');
      } finally {
        nl.misstateInclusion = false;
      }
      const lines = await syncNow(de, 'NL');
      expect(lines.at(-1)).toEqual({ type: 'done', member: 'NL' });
      expect((await readObservation(de, unlogged.id))?.jws).toBe(unlogged.jws);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('a peer that fails to serve a consistency proof', () => {
  it(
    'is retried, not marked forked: a failed request proves nothing',
    async () => {
      const record = nl.sign('TLP:GREEN', 'after a refused proof');
      nl.feed.push(record.jws);
      nl.refuseConsistency = true;
      try {
        const lines = await syncNow(de, 'NL');
        expect(lines.at(-1)).toMatchObject({ type: 'error', member: 'NL' });
        expect(await peerStatus(de, 'NL')).toMatchObject({ forked: false });
      } finally {
        nl.refuseConsistency = false;
      }
      expect((await syncNow(de, 'NL')).at(-1)).toEqual({ type: 'done', member: 'NL' });
      expect((await readObservation(de, record.id))?.jws).toBe(record.jws);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'takes nothing while a served proof links nothing, without marking the peer forked on unsigned data',
    async () => {
      const record = nl.sign('TLP:GREEN', 'after a garbled proof');
      nl.feed.push(record.jws);
      nl.garbleConsistency = true;
      try {
        const lines = await syncNow(de, 'NL');
        expect(String(lines.at(-1)?.error)).toMatch(/not consistent/);
        expect(await readObservation(de, record.id)).toBeUndefined();
        expect(await peerStatus(de, 'NL')).toMatchObject({ forked: false });
      } finally {
        nl.garbleConsistency = false;
      }
      expect((await syncNow(de, 'NL')).at(-1)).toEqual({ type: 'done', member: 'NL' });
      expect((await readObservation(de, record.id))?.jws).toBe(record.jws);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('a record signed with a key the node lacks, while the peer’s keys cannot be fetched', () => {
  it(
    'is left for the next sync, not refused for good',
    async () => {
      const unknownKey = nl.sign('TLP:GREEN', 'signed with a key not fetched yet', {
        key: generateKeyPair(),
      });
      nl.feed.push(unknownKey.jws);
      const before = await peerStatus(de, 'NL');
      nl.refuseKeys = true;
      try {
        expect((await syncNow(de, 'NL')).at(-1)).toMatchObject({ type: 'error', member: 'NL' });
        expect(await peerStatus(de, 'NL')).toMatchObject({
          cursor: before?.cursor,
          rejected: before?.rejected,
        });
      } finally {
        nl.refuseKeys = false;
      }
      // Once the peer answers that it has no such key, the record is refused and the cursor moves on.
      expect((await syncNow(de, 'NL')).at(-1)).toEqual({ type: 'done', member: 'NL' });
      expect(await peerStatus(de, 'NL')).toMatchObject({
        cursor: nl.feed.length - 1,
        rejected: (before?.rejected ?? 0) + 1,
      });
    },
    TEST_TIMEOUT_MS,
  );
});

describe('a peer whose log grew while its key announcements cannot be read', () => {
  it(
    'has its records wait for the next sync: a revocation among them would go unseen',
    async () => {
      const record = nl.sign('TLP:GREEN', 'logged while the announcements are out of reach');
      nl.feed.push(record.jws);
      const before = await peerStatus(de, 'NL');
      nl.refuseAnnouncements = true;
      try {
        // The second pass finds the checkpoint already witnessed: it must not take the records either.
        expect((await syncNow(de, 'NL')).at(-1)).toMatchObject({ type: 'error', member: 'NL' });
        expect((await syncNow(de, 'NL')).at(-1)).toMatchObject({ type: 'error', member: 'NL' });
        expect(await readObservation(de, record.id)).toBeUndefined();
        expect(await peerStatus(de, 'NL')).toMatchObject({ cursor: before?.cursor });
      } finally {
        nl.refuseAnnouncements = false;
      }
      expect((await syncNow(de, 'NL')).at(-1)).toEqual({ type: 'done', member: 'NL' });
      expect((await readObservation(de, record.id))?.jws).toBe(record.jws);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('peer tokens a node refuses', () => {
  const inbox = (token: string, records: string[]) =>
    fetch(`${de.url}/fed/v1/inbox`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records }),
    });
  const nlToken = (operation: PeerOperation = 'inbox.push', extra: { audience?: string; now?: Date } = {}) =>
    signPeerToken({
      issuer: 'NL',
      audience: extra.audience ?? 'DE',
      operation,
      key: nl.peerKey,
      ttlSeconds: 300,
      ...(extra.now ? { now: extra.now } : {}),
    });

  /** The refusal is a problem+json with a stable code and a Bearer challenge, and the record is not stored. */
  async function expectRefused(response: Response, status: 401 | 403, code: string, recordId: string) {
    const challenge = response.headers.get('www-authenticate') ?? '';
    await expectProblem(response, status, code);
    expect(challenge).toMatch(
      status === 401
        ? /^Bearer error="invalid_token", error_description="/
        : /^Bearer error="insufficient_scope"/,
    );
    expect(await readObservation(de, recordId)).toBeUndefined();
  }

  it('accepts a well-formed token once (the control for every refusal below)', async () => {
    const record = nl.sign('TLP:GREEN', 'control');
    const response = await inbox(await nlToken(), [record.jws]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      results: [{ status: 'accepted', id: record.id, seq: expect.any(Number) }],
    });
  });

  it('takes a full batch of 1000 records, far over the 256 KiB that other routes allow', async () => {
    const batch = Array.from({ length: 1000 }, (_, n) => nl.sign('TLP:GREEN', `batch record ${n}`));
    const body = JSON.stringify({ records: batch.map((record) => record.jws) });
    expect(body.length).toBeGreaterThan(256 * 1024);
    const response = await inbox(
      await nlToken(),
      batch.map((record) => record.jws),
    );
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: { status: string }[] };
    expect(results.filter((result) => result.status === 'accepted')).toHaveLength(1000);
  });

  it('refuses a replayed token: 401 token_replayed', async () => {
    const token = await nlToken();
    const first = nl.sign('TLP:GREEN', 'first use');
    expect((await inbox(token, [first.jws])).status).toBe(200);
    const replayed = nl.sign('TLP:GREEN', 'replayed');
    const before = (await heldRecords(de)).size;
    await expectRefused(await inbox(token, [replayed.jws]), 401, 'token_replayed', replayed.id);
    expect((await heldRecords(de)).size).toBe(before);
  });

  it('refuses a replayed feed token too', async () => {
    const token = await nlToken('feed.read');
    const feed = () =>
      fetch(`${de.url}/fed/v1/feed?after=-1`, { headers: { authorization: `Bearer ${token}` } });
    expect((await feed()).status).toBe(200);
    const response = await feed();
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    await expectProblem(response, 401, 'token_replayed');
  });

  it('refuses a token addressed to another member: 403 token_bad_audience', async () => {
    const record = nl.sign('TLP:GREEN', 'for JP');
    await expectRefused(
      await inbox(await nlToken('inbox.push', { audience: 'JP' }), [record.jws]),
      403,
      'token_bad_audience',
      record.id,
    );
  });

  it('refuses an expired token: 401 token_expired', async () => {
    const record = nl.sign('TLP:GREEN', 'expired');
    const token = await nlToken('inbox.push', { now: new Date(Date.now() - 10 * 60_000) });
    await expectRefused(await inbox(token, [record.jws]), 401, 'token_expired', record.id);
  });

  it('refuses a token issued in the future: 401 token_not_yet_valid', async () => {
    const record = nl.sign('TLP:GREEN', 'future');
    const token = await nlToken('inbox.push', { now: new Date(Date.now() + 10 * 60_000) });
    await expectRefused(await inbox(token, [record.jws]), 401, 'token_not_yet_valid', record.id);
  });

  it('refuses a token from a member it does not know: 401 token_unknown_issuer', async () => {
    const stranger = new FakePeer('SE');
    const record = stranger.sign('TLP:GREEN', 'stranger');
    const token = await signPeerToken({
      issuer: 'SE',
      audience: 'DE',
      operation: 'inbox.push',
      key: stranger.peerKey,
    });
    await expectRefused(await inbox(token, [record.jws]), 401, 'token_unknown_issuer', record.id);
  });

  it('refuses a token for another operation (a feed token on the inbox): 403 token_wrong_operation', async () => {
    const record = nl.sign('TLP:GREEN', 'wrong operation');
    await expectRefused(
      await inbox(await nlToken('feed.read'), [record.jws]),
      403,
      'token_wrong_operation',
      record.id,
    );
  });

  it('refuses a token in a member’s name not signed by its pinned peer key: 401 token_bad_signature', async () => {
    const record = nl.sign('TLP:GREEN', 'bad signature');
    const now = Math.floor(Date.now() / 1000);
    // NL's kid in the header, an attacker's key under it.
    const token = await new SignJWT({ op: 'inbox.push' })
      .setProtectedHeader({ alg: 'Ed25519', kid: nl.peerKey.kid, typ: 'sightline-peer+jwt' })
      .setIssuer('NL')
      .setAudience('DE')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .setJti('AAAAAAAAAAAAAAAAAAAAAAAA')
      .sign(generateKeyPair().privateKey);
    await expectRefused(await inbox(token, [record.jws]), 401, 'token_bad_signature', record.id);
  });

  it('refuses a request without a token: 401 token_missing with a bare Bearer challenge', async () => {
    const response = await fetch(`${de.url}/fed/v1/feed?after=-1`);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    await expectProblem(response, 401, 'token_missing');
  });
});
