import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logOrigin, witnessKeyName } from '../../api/log/names.js';
import type { CosignatureReceipt, LogCheckpoint } from '../../schemas/api/log.js';
import { generateKeyPair } from '../../sdk/keys/index.js';
import {
  cosignatureVerifier,
  cosignCheckpoint,
  ed25519NoteVerifier,
  splitNote,
  verifyCheckpoint,
} from '../../sdk/log/index.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { appendKeyLeaves, getJson, withLogRoutes } from './support/log-node.js';
import { type PinnedPeer, pinPeer } from './support/peer.js';
import { expectProblem } from './support/problem.js';

// Peers witness the node's checkpoints: a cosignature by a witness key pinned for the calling member is
// stored and from then on served with the checkpoint, as a further signature line of the same note.
let node: TestNode;
let fr: PinnedPeer;
let nl: PinnedPeer;
let checkpoint: LogCheckpoint;
beforeAll(async () => {
  node = withLogRoutes(await createTestNode('DE'));
  fr = await pinPeer(node.ctx.db, 'FR');
  nl = await pinPeer(node.ctx.db, 'NL');
  await appendKeyLeaves(node.ctx.db, 7);
  checkpoint = await getJson<LogCheckpoint>(node, '/fed/v1/log/checkpoint?format=json');
});
afterAll(() => node?.close());

const body = (note: string) => splitNote(note).text;
const logKey = () => ed25519NoteVerifier(logOrigin('DE'), node.ctx.keys.log.publicKey);
const verifierOf = (peer: PinnedPeer) =>
  cosignatureVerifier(witnessKeyName(peer.id), peer.witnessKey.publicKey);
const cosign = (peer: PinnedPeer, note = checkpoint.note, time?: number) =>
  cosignCheckpoint(
    body(note),
    { name: witnessKeyName(peer.id), privateKey: peer.witnessKey.privateKey },
    time,
  );

async function post(
  peer: PinnedPeer,
  payload: unknown,
  operation: 'checkpoint.cosign' | 'log.read' = 'checkpoint.cosign',
) {
  return node.app.request('/fed/v1/log/cosignature', {
    method: 'POST',
    headers: { authorization: `Bearer ${await peer.token(operation)}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
}

describe('POST /fed/v1/log/cosignature', () => {
  it('stores a valid cosignature once and serves it with the checkpoint', async () => {
    const line = cosign(fr);
    const res = await post(fr, { size: checkpoint.size, cosignature: line });
    expect(res.status).toBe(201);
    expect((await res.json()) as CosignatureReceipt).toEqual({
      size: checkpoint.size,
      witness: 'FR',
      stored: true,
    });
    const again = await post(fr, {
      size: checkpoint.size,
      cosignature: cosign(fr, checkpoint.note, 1_800_000_000),
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as CosignatureReceipt).stored).toBe(false);

    const served = await getJson<LogCheckpoint>(node, '/fed/v1/log/checkpoint?format=json');
    expect(served.note).toBe(checkpoint.note + line);
    const verified = verifyCheckpoint(served.note, { logKey: logKey(), witnesses: [verifierOf(fr)] });
    expect(verified.cosignatures.map((c) => c.name)).toEqual(['fr.sightline/witness']);
    const text = await (
      await node.app.request('/fed/v1/log/checkpoint', {
        headers: { authorization: `Bearer ${node.tokens.reader}` },
      })
    ).text();
    expect(text).toBe(served.note);
  });

  it('serves every witness, so a verifier can require a quorum', async () => {
    expect((await post(nl, { size: checkpoint.size, cosignature: cosign(nl) })).status).toBe(201);
    const served = await getJson<LogCheckpoint>(node, '/fed/v1/log/checkpoint?format=json');
    const witnesses = [verifierOf(fr), verifierOf(nl)];
    expect(
      verifyCheckpoint(served.note, { logKey: logKey(), witnesses, requiredWitnesses: 2 }).cosignatures,
    ).toHaveLength(2);
  });

  it('keeps each cosignature with the checkpoint it signs, older ones included', async () => {
    const older = checkpoint;
    await appendKeyLeaves(node.ctx.db, 2);
    const newer = await getJson<LogCheckpoint>(node, '/fed/v1/log/checkpoint?format=json');
    expect(newer.size).toBe(older.size + 2);
    expect(splitNote(newer.note).signatures).toHaveLength(1);
    expect((await post(fr, { size: newer.size, cosignature: cosign(fr, newer.note) })).status).toBe(201);
    const italy = await pinPeer(node.ctx.db, 'IT');
    expect((await post(italy, { size: older.size, cosignature: cosign(italy, older.note) })).status).toBe(
      201,
    );
    const served = await getJson<LogCheckpoint>(node, '/fed/v1/log/checkpoint?format=json');
    const witnesses = [verifierOf(fr), verifierOf(nl), verifierOf(italy)];
    const verified = verifyCheckpoint(served.note, { logKey: logKey(), witnesses, requiredWitnesses: 1 });
    expect(verified.checkpoint.size).toBe(BigInt(newer.size));
    expect(verified.cosignatures.map((c) => c.name)).toEqual(['fr.sightline/witness']);
  });

  it('refuses a cosignature by a key not pinned as the caller’s witness key', async () => {
    const stranger = generateKeyPair();
    const line = cosignCheckpoint(body(checkpoint.note), {
      name: witnessKeyName('FR'),
      privateKey: stranger.privateKey,
    });
    await expectProblem(
      await post(fr, { size: checkpoint.size, cosignature: line }),
      422,
      'unknown_witness_key',
    );
    // NL's valid cosignature, sent by FR, is not FR's.
    await expectProblem(
      await post(fr, { size: checkpoint.size, cosignature: cosign(nl) }),
      422,
      'unknown_witness_key',
    );
    // FR's key under another name.
    const renamed = cosignCheckpoint(body(checkpoint.note), {
      name: 'fr.example/witness',
      privateKey: fr.witnessKey.privateKey,
    });
    await expectProblem(
      await post(fr, { size: checkpoint.size, cosignature: renamed }),
      422,
      'unknown_witness_key',
    );
    // FR's log-style (type 0x01) note signature is not a cosignature.
    const peerKeyLine = cosignCheckpoint(body(checkpoint.note), {
      name: witnessKeyName('FR'),
      privateKey: fr.peerKey.privateKey,
    });
    await expectProblem(
      await post(fr, { size: checkpoint.size, cosignature: peerKeyLine }),
      422,
      'unknown_witness_key',
    );
  });

  it('refuses a cosignature of other text than the checkpoint of that size', async () => {
    const forged = checkpoint.note.replace(`\n${checkpoint.size}\n`, `\n${checkpoint.size + 1}\n`);
    const line = cosignCheckpoint(body(forged), {
      name: witnessKeyName('FR'),
      privateKey: fr.witnessKey.privateKey,
    });
    await expectProblem(
      await post(fr, { size: checkpoint.size, cosignature: line }),
      422,
      'invalid_cosignature',
    );
  });

  it('refuses unknown checkpoints, malformed lines and bad bodies', async () => {
    await expectProblem(await post(fr, { size: 999, cosignature: cosign(fr) }), 404, 'unknown_checkpoint');
    const line = cosign(fr);
    for (const malformed of [
      '',
      'hello',
      line + line,
      line.replace('— ', '-- '),
      `${line.trimEnd()} extra`,
    ]) {
      await expectProblem(
        await post(fr, { size: checkpoint.size, cosignature: malformed }),
        400,
        'malformed_cosignature',
      );
    }
    await expectProblem(await post(fr, { size: -1, cosignature: line }), 422, 'validation_failed');
    await expectProblem(
      await post(fr, { size: checkpoint.size, cosignature: line, extra: 1 }),
      422,
      'validation_failed',
    );
  });

  it('needs a peer token for checkpoint.cosign', async () => {
    const payload = JSON.stringify({ size: checkpoint.size, cosignature: cosign(fr) });
    await expectProblem(await post(fr, JSON.parse(payload), 'log.read'), 403, 'token_wrong_operation');
    const asReader = await node.app.request('/fed/v1/log/cosignature', {
      method: 'POST',
      headers: { authorization: `Bearer ${node.tokens.admin}`, 'content-type': 'application/json' },
      body: payload,
    });
    expect(asReader.status).toBe(401);
  });
});
