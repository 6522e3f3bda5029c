import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import type { NodeContext } from '../../api/context.js';
import { signCheckpointAtHead } from '../../api/log/checkpoint.js';
import { logOrigin } from '../../api/log/names.js';
import { seedBodies } from '../../api/node/seed.js';
import { openNote } from '../../sdk/log/note.js';
import { ed25519NoteVerifier } from '../../sdk/log/note-keys.js';
import { createTestNode, type TestNode } from '../support/node.js';

// Several API processes may share one PostgreSQL database and data folder. Each holds its keys in memory;
// a rotation made through one must reach the others' signing, or they go on signing with the key rotated
// away (and perhaps about to be revoked), and a rotation through them would contest the first.
let node: TestNode;
let other: NodeContext;
let otherApp: ReturnType<typeof createApp>;

beforeAll(async () => {
  node = await createTestNode('DE');
  // A second process: the same database and folder, its own keys in memory.
  other = { ...node.ctx, keys: { ...node.ctx.keys } };
  otherApp = createApp(other);
});
afterAll(() => node?.close());

const throughOther = (path: string, role: 'analyst' | 'admin', json: unknown) =>
  otherApp.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${node.tokens[role]}`, 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });

const rotate = async (request: Promise<Response> | Response) => {
  const response = await request;
  expect(response.status).toBe(201);
  return (await response.json()) as { oldKid: string; newKid: string };
};

describe('key rotation with several API processes', () => {
  it('signs records and later rotations with the key another process rotated in', async () => {
    const first = await rotate(node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } }));

    const created = await throughOther('/v1/observations', 'analyst', seedBodies()[0]);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const view = (await (await node.request(`/v1/observations/${id}`)).json()) as { jws: string };
    expect(decodeProtectedHeader(view.jws).kid).toBe(first.newKid);

    const second = await rotate(throughOther('/v1/keys/rotate', 'admin', { role: 'record' }));
    expect(second.oldKid).toBe(first.newKid);
    const third = await rotate(node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'record' } }));
    expect(third.oldKid).toBe(second.newKid);

    // Revoking the key before through the other process: signed by the key now current, not one rotated away.
    const revoked = await throughOther('/v1/keys/revoke', 'admin', {
      kid: second.newKid,
      since: '2026-01-01T00:00:00Z',
    });
    expect(revoked.status).toBe(201);
    const { announcement } = (await revoked.json()) as { announcement: string };
    expect(decodeProtectedHeader(announcement).kid).toBe(third.newKid);
  });

  it('signs checkpoints with the log key another process rotated in', async () => {
    await rotate(node.request('/v1/keys/rotate', { role: 'admin', json: { role: 'log' } }));
    const created = await throughOther('/v1/observations', 'analyst', seedBodies()[1]);
    expect(created.status).toBe(201);
    const { note } = await signCheckpointAtHead(other);
    const rotatedIn = ed25519NoteVerifier(logOrigin('DE'), node.ctx.keys.log.publicKey);
    expect(() => openNote(note, [rotatedIn])).not.toThrow();
  });
});
