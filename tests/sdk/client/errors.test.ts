import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyAnnouncements } from '../../../api/db/schema.js';
import { MAX_ANNOUNCEMENTS_PER_MEMBER } from '../../../api/fed/announcement-cap.js';
import { seedBodies } from '../../../api/node/seed.js';
import {
  createClient,
  createPeerClient,
  type ObservationBody,
  type SightlineClient,
} from '../../../sdk/client/index.js';
import { generateKeyPair, signKeyAnnouncement } from '../../../sdk/keys/index.js';
import { newNonce, signRecord } from '../../../sdk/record/index.js';
import { expectApiError } from './expect-api-error.js';
import { pinMember, type ServedNode, serveTestNode } from './served-node.js';

// Every problem code the node's local API returns reaches an SDK caller as SightlineApiError with that code.
let served: ServedNode;
let admin: SightlineClient;
let reader: SightlineClient;
let recordId: string;
const gallium = seedBodies()[0] as unknown as ObservationBody;
const unknownId = 'f'.repeat(64);

beforeAll(async () => {
  served = await serveTestNode('DE');
  const client = (token: string) => createClient({ baseUrl: served.baseUrl, token, retries: 0 });
  admin = client(served.node.tokens.admin);
  reader = client(served.node.tokens.reader);
  recordId = (await admin.observations.create(gallium)).id;
});
afterAll(() => served?.close());

describe('request errors', () => {
  it('validation_failed carries the failing fields', async () => {
    const error = await expectApiError(
      admin.observations.create({ ...gallium, tlp: 'TLP:WHITE' } as unknown as ObservationBody),
      422,
      'validation_failed',
    );
    expect(error.fieldErrors.map((field) => field.path)).toContainEqual(['tlp']);
  });

  it('malformed_json and unsupported_media_type', async () => {
    await expectApiError(
      admin.api.POST('/v1/observations', { body: gallium, bodySerializer: () => '{"measureRefs": [' }),
      400,
      'malformed_json',
    );
    await expectApiError(
      admin.api.POST('/v1/observations', { body: gallium, headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported_media_type',
    );
  });

  it('invalid_query, invalid_cursor, invalid_record_id, invalid_measure_key', async () => {
    const error = await expectApiError(admin.observations.list({ limit: 501 }), 400, 'invalid_query');
    expect(error.fieldErrors.map((field) => field.path)).toContainEqual(['limit']);
    await expectApiError(admin.observations.list({ cursor: 'not-a-cursor' }), 400, 'invalid_cursor');
    await expectApiError(admin.observations.get('ABC'), 400, 'invalid_record_id');
    await expectApiError(admin.measures.get('mofcom-2023-23'), 400, 'invalid_measure_key');
  });

  it('not_found, route_not_found and method_not_allowed', async () => {
    await expectApiError(admin.observations.get(unknownId), 404, 'not_found');
    await expectApiError(admin.measures.get('MOFCOM-GAC-1999-1'), 404, 'not_found');
    await expectApiError(admin.request('GET', '/v1/nothing-here'), 404, 'route_not_found');
    await expectApiError(admin.request('DELETE', `/v1/observations/${recordId}`), 405, 'method_not_allowed');
  });
});

describe('tokens and roles', () => {
  it('unauthorized without a token, invalid_token with an unknown one, forbidden for a reader writing', async () => {
    const anonymous = createClient({ baseUrl: served.baseUrl, token: '' });
    await expectApiError(anonymous.observations.list(), 401, 'unauthorized');
    const stranger = createClient({ baseUrl: served.baseUrl, token: `slt_${'A'.repeat(43)}` });
    await expectApiError(stranger.observations.get(recordId), 401, 'invalid_token');
    await expectApiError(reader.observations.create(gallium), 403, 'forbidden');
    await expectApiError(reader.observations.retract(recordId, { reason: 'x' }), 403, 'forbidden');
  });
});

describe('lifecycle conflicts', () => {
  it('already_superseded, already_retracted, not_an_observation', async () => {
    const first = await admin.observations.create(gallium);
    await admin.observations.supersede(first.id, gallium);
    await expectApiError(admin.observations.supersede(first.id, gallium), 409, 'already_superseded');

    const second = await admin.observations.create(gallium);
    const retraction = await admin.observations.retract(second.id, { reason: 'duplicate' });
    await expectApiError(
      admin.observations.retract(second.id, { reason: 'again' }),
      409,
      'already_retracted',
    );
    await expectApiError(
      admin.observations.retract(retraction.id, { reason: 'retract a retraction' }),
      409,
      'not_an_observation',
    );
  });

  it('not_original_author for a record another member signed', async () => {
    const fr = { peer: generateKeyPair(), record: generateKeyPair() };
    await pinMember(served.node, 'FR', fr);
    const { id, jws } = signRecord(
      { ...gallium, type: 'observation', author: 'FR', createdAt: '2026-11-28T12:00:00Z', nonce: newNonce() },
      fr.record,
    );
    const peer = createPeerClient({ baseUrl: served.baseUrl, issuer: 'FR', audience: 'DE', key: fr.peer });
    expect(await peer.push([jws])).toEqual([expect.objectContaining({ status: 'accepted', id })]);
    await expectApiError(admin.observations.retract(id, { reason: 'not ours' }), 403, 'not_original_author');
    await expectApiError(admin.observations.supersede(id, gallium), 403, 'not_original_author');
  });
});

describe('registry and federation errors', () => {
  it('self_member and key_conflict from the peers routes', async () => {
    await expectApiError(
      admin.request('POST', '/v1/peers', { json: { id: 'DE', keys: {} } }),
      409,
      'self_member',
    );
    const shared = generateKeyPair();
    await admin.request('POST', '/v1/peers', { json: { id: 'NL', keys: { peer: [shared.kid] } } });
    await expectApiError(
      admin.request('POST', '/v1/peers', { json: { id: 'BE', keys: { peer: [shared.kid] } } }),
      409,
      'key_conflict',
    );
  });

  it('invalid_member_id for a {member} path parameter that is not one', async () => {
    await expectApiError(admin.request('DELETE', '/v1/peers/ZZ'), 400, 'invalid_member_id');
    await expectApiError(admin.request('POST', '/v1/peers/de/audit'), 400, 'invalid_member_id');
  });

  it('rotate_first and already_revoked from the key routes', async () => {
    const oldKid = served.node.ctx.keys.record.kid;
    const revoke = (kid: string, since: string) =>
      admin.request('POST', '/v1/keys/revoke', { json: { kid, since } });
    await expectApiError(revoke(oldKid, '2026-01-01T00:00:00Z'), 409, 'rotate_first');
    await admin.request('POST', '/v1/keys/rotate', { json: { role: 'record' } });
    await revoke(oldKid, '2026-01-01T00:00:00Z');
    // Moving a revocation later would make records signed in between acceptable again.
    await expectApiError(revoke(oldKid, '2026-06-01T00:00:00Z'), 409, 'already_revoked');
    await revoke(oldKid, '2025-06-01T00:00:00Z');
  });

  it('key_events_exhausted once the node made as many key announcements as peers take up', async () => {
    const { db, keys } = served.node.ctx;
    const retired = keys.witness.kid;
    await admin.request('POST', '/v1/keys/rotate', { json: { role: 'witness' } });
    // Revocations of as many keys, as the node would relay them (stored rows are not verified again).
    const at = '2026-01-01T00:00:00Z';
    const made = await Promise.all(
      Array.from({ length: MAX_ANNOUNCEMENTS_PER_MEMBER - 10 }, async () => ({
        jws: await signKeyAnnouncement(
          {
            type: 'key-revocation',
            member: 'DE',
            role: 'witness',
            kid: generateKeyPair().kid,
            since: at,
            at,
          },
          keys.witness,
        ),
        member: 'DE',
        type: 'key-revocation' as const,
        at,
      })),
    );
    await db.insert(keyAnnouncements).values(made);
    try {
      await expectApiError(
        admin.request('POST', '/v1/keys/rotate', { json: { role: 'witness' } }),
        409,
        'key_events_exhausted',
      );
      // The last few are kept for revocations: a stolen key stays revocable.
      await admin.request('POST', '/v1/keys/revoke', { json: { kid: retired, since: at } });
    } finally {
      await db.delete(keyAnnouncements).where(
        inArray(
          keyAnnouncements.jws,
          made.map(({ jws }) => jws),
        ),
      );
    }
  });

  it('peer-token and feed codes reach a peer client', async () => {
    const stranger = createPeerClient({
      baseUrl: served.baseUrl,
      issuer: 'IT',
      audience: 'DE',
      key: generateKeyPair(),
      retries: 0,
    });
    await expectApiError(stranger.feed({ after: -1 }), 401, 'token_unknown_issuer');
    const es = generateKeyPair();
    await pinMember(served.node, 'ES', { peer: es });
    const wrongNode = createPeerClient({ baseUrl: served.baseUrl, issuer: 'ES', audience: 'FR', key: es });
    await expectApiError(wrongNode.feed({ after: -1 }), 403, 'token_bad_audience');
    const peer = createPeerClient({ baseUrl: served.baseUrl, issuer: 'ES', audience: 'DE', key: es });
    await expectApiError(peer.feed({ after: 1_000_000 }), 400, 'cursor_beyond_head');
    await expectApiError(peer.feed({ after: -1, size: 1_000_000 }), 400, 'size_beyond_head');
    await expectApiError(peer.feed({ after: 1, size: 1 }), 400, 'cursor_beyond_size');
  });
});

// Last: the node closes the connection after an early 413 while announcing keep-alive, which breaks the
// next request on that pooled socket (reported to the lead).
describe('body size', () => {
  it('payload_too_large', async () => {
    const huge = { ...gallium, 'x-DE': 'x'.repeat(300 * 1024) } as ObservationBody;
    await expectApiError(admin.observations.create(huge), 413, 'payload_too_large');
  });
});
