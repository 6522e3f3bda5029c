import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKeyAnnouncements } from '../../api/fed/key-announcements.js';
import { fillPinnedKeys } from '../../api/fed/member-keys.js';
import { pinMember } from '../../api/fed/registry.js';
import { ingestRecords } from '../../api/ingest/ingest.js';
import type { SignedRecord } from '../../schemas/record.js';
import {
  type Ed25519KeyPair,
  generateKeyPair,
  publicJwk,
  signKeyAnnouncement,
  signKeyPossession,
  signKeyRotation,
} from '../../sdk/keys/index.js';
import { newNonce, signRecord } from '../../sdk/record/index.js';
import { observationBody } from '../federation/support/bodies.js';
import { createTestNode, type TestNode } from '../support/node.js';

// DE announces a rotation, which makes its new public key known to everyone. NL, a member that turned hostile,
// announces a rotation of its own to that same key. Without proof that the new key's holder chose the member,
// a node that took NL's announcement first pinned the key to NL, and refused DE's records signed with it.
let fr: TestNode;
const de = { old: generateKeyPair(), next: generateKeyPair() };
const nl = generateKeyPair();
const at = '2026-02-01T00:00:00Z';

const pinnedTo = async (kid: string) =>
  (await fr.ctx.db.query.memberKeys.findMany()).find((pin) => pin.kid === kid)?.member;

/** NL's announcement of a rotation to DE's new key, with the given possession proof. */
const squat = (possession: string) =>
  signKeyAnnouncement(
    {
      type: 'key-rotation',
      member: 'NL',
      role: 'record',
      oldKid: nl.kid,
      newKid: de.next.kid,
      newJwk: publicJwk(de.next.publicKey),
      possession,
      at,
    },
    nl,
  );

/** The possession proof inside a rotation announcement. */
const possessionOf = (jws: string) =>
  (JSON.parse(Buffer.from(jws.split('.')[1] as string, 'base64url').toString()) as { possession: string })
    .possession;

const recordBy = (author: string, key: Ed25519KeyPair) =>
  signRecord(
    {
      ...observationBody('TLP:GREEN', undefined, `by ${author}`),
      type: 'observation',
      author,
      createdAt: '2026-03-01T00:00:00Z',
      nonce: newNonce(),
    } as SignedRecord,
    key,
  );

beforeAll(async () => {
  fr = await createTestNode('FR');
  await pinMember(fr.ctx, { id: 'DE', url: null, keys: { record: [de.old.kid] } });
  await pinMember(fr.ctx, { id: 'NL', url: null, keys: { record: [nl.kid] } });
  await fillPinnedKeys(fr.ctx, [publicJwk(de.old.publicKey), publicJwk(nl.publicKey)]);
});
afterAll(() => fr?.close());

describe("a rotation to another member's announced key", () => {
  it('is refused when listed before the owner’s, so the owner’s rotation pins the key to the owner', async () => {
    const owners = await signKeyRotation({ member: 'DE', role: 'record', at }, de.old, de.next);
    const replayed = await squat(possessionOf(owners));
    const forged = await squat(
      await signKeyPossession({ member: 'NL', role: 'record', oldKid: nl.kid, newKid: de.next.kid }, nl),
    );
    expect(decodeProtectedHeader(possessionOf(owners)).kid).toBe(de.next.kid);

    expect(await applyKeyAnnouncements(fr.ctx, [replayed, forged])).toBe(0);
    expect(await pinnedTo(de.next.kid)).toBeUndefined();
    expect(await applyKeyAnnouncements(fr.ctx, [replayed, forged, owners])).toBe(1);
    expect(await pinnedTo(de.next.kid)).toBe('DE');

    const [accepted] = await ingestRecords(fr.ctx, [recordBy('DE', de.next).jws], { from: 'DE' });
    expect(accepted?.status).toBe('accepted');
  });

  it('is refused once the key is pinned to another member, even with a valid proof', async () => {
    // Whoever holds DE's key could sign NL's proof; the key still belongs to the member it was pinned to.
    const proof = await signKeyPossession(
      { member: 'NL', role: 'record', oldKid: nl.kid, newKid: de.next.kid },
      de.next,
    );
    expect(await applyKeyAnnouncements(fr.ctx, [await squat(proof)])).toBe(0);
    expect(await pinnedTo(de.next.kid)).toBe('DE');
    // NL's own key was not rotated away by it: NL still signs records.
    const [accepted] = await ingestRecords(fr.ctx, [recordBy('NL', nl).jws], { from: 'NL' });
    expect(accepted?.status).toBe('accepted');
  });
});
