import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logCheckpoints, logNodes } from '../../api/db/schema.js';
import { logOrigin } from '../../api/log/names.js';
import type { ConsistencyProof, LogCheckpoint } from '../../schemas/api/log.js';
import { importPublicJwk } from '../../sdk/keys/index.js';
import {
  ed25519NoteVerifier,
  emptyRoot,
  noteVerifierKey,
  rootPlan,
  splitNote,
  verifyCheckpoint,
  verifyConsistency,
} from '../../sdk/log/index.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { appendKeyLeaves, getJson, storedLeafBytes, withLogRoutes } from './support/log-node.js';
import { naiveRoot } from './support/naive-merkle.js';
import { expectProblem } from './support/problem.js';

// The node signs C2SP checkpoints of its log with its log key, under the origin that names it, one per
// tree size, each extending the one before.
let node: TestNode;
beforeAll(async () => {
  node = withLogRoutes(await createTestNode('DE'));
});
afterAll(() => node?.close());

const readerHeaders = () => ({ authorization: `Bearer ${node.tokens.reader}` });
const getNote = async () => {
  const res = await node.app.request('/fed/v1/log/checkpoint', { headers: readerHeaders() });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  return res.text();
};
const getCheckpoint = () => getJson<LogCheckpoint>(node, '/fed/v1/log/checkpoint?format=json');
const storedSizes = async () =>
  (
    await node.ctx.db
      .select({ size: logCheckpoints.size })
      .from(logCheckpoints)
      .orderBy(asc(logCheckpoints.size))
  ).map((row) => row.size);

/** The log key as any auditor finds it: the kid /.well-known/sightline names, the JWK /.well-known/jwks.json holds. */
async function publishedLogKey() {
  const document = (await (await node.request('/.well-known/sightline', { role: 'none' })).json()) as {
    keys: { log: string[] };
  };
  const jwks = (await (await node.request('/.well-known/jwks.json', { role: 'none' })).json()) as {
    keys: Array<{ kid: string }>;
  };
  const jwk = jwks.keys.find((key) => key.kid === document.keys.log[0]);
  return importPublicJwk(jwk);
}

describe('GET /fed/v1/log/checkpoint', () => {
  it('signs the empty log: size 0, the SHA-256 of nothing', async () => {
    const note = await getNote();
    const { checkpoint } = verifyCheckpoint(note, {
      logKey: ed25519NoteVerifier(logOrigin('DE'), await publishedLogKey()),
    });
    expect(checkpoint).toMatchObject({ origin: 'de.sightline/log', size: 0n, extensions: [] });
    expect(Buffer.from(checkpoint.rootHash)).toEqual(emptyRoot());
  });

  it('verifies with verifyCheckpoint and the published log key, as a vkey string too', async () => {
    await appendKeyLeaves(node.ctx.db, 5);
    const note = await getNote();
    const logKey = await publishedLogKey();
    const { checkpoint, text } = verifyCheckpoint(note, { logKey: noteVerifierKey(logOrigin('DE'), logKey) });
    expect(checkpoint.size).toBe(5n);
    expect(Buffer.from(checkpoint.rootHash)).toEqual(naiveRoot(await storedLeafBytes(node.ctx.db)));
    expect(text).toBe(`de.sightline/log\n5\n${Buffer.from(checkpoint.rootHash).toString('base64')}\n`);
    expect(splitNote(note).signatures).toHaveLength(1);
  });

  it('is refused under another key or another origin', async () => {
    const note = await getNote();
    const logKey = await publishedLogKey();
    expect(() =>
      verifyCheckpoint(note, { logKey: ed25519NoteVerifier('fr.sightline/log', logKey) }),
    ).toThrow();
    const recordKey = importPublicJwk(
      ((await (await node.request('/.well-known/jwks.json', { role: 'none' })).json()) as { keys: unknown[] })
        .keys[0],
    );
    const other = recordKey.equals(logKey) ? undefined : recordKey;
    if (other)
      expect(() => verifyCheckpoint(note, { logKey: ed25519NoteVerifier(logOrigin('DE'), other) })).toThrow();
    const altered = note.replace('\n5\n', '\n6\n');
    expect(() =>
      verifyCheckpoint(altered, { logKey: ed25519NoteVerifier(logOrigin('DE'), logKey) }),
    ).toThrow();
  });

  it('serves the same checkpoint while the log stands still, and signs a new one when it grows', async () => {
    const before = await storedSizes();
    const first = await getNote();
    expect(await getNote()).toBe(first);
    expect(await storedSizes()).toEqual(before);
    await appendKeyLeaves(node.ctx.db, 3);
    const grown = await getCheckpoint();
    expect(grown.size).toBe((before.at(-1) as number) + 3);
    expect(await storedSizes()).toEqual([...before, grown.size]);
  });

  it('has a JSON form whose fields are those of the note', async () => {
    const json = await getCheckpoint();
    const note = await getNote();
    expect(json.note).toBe(note);
    expect(json.origin).toBe('de.sightline/log');
    expect(note.startsWith(`${json.origin}\n${json.size}\n${json.rootHash}\n\n`)).toBe(true);
  });

  it('signs one checkpoint per size when many readers ask at once', async () => {
    await appendKeyLeaves(node.ctx.db, 2);
    const before = await storedSizes();
    const answers = await Promise.all(Array.from({ length: 8 }, () => getCheckpoint()));
    expect(new Set(answers.map((answer) => answer.note)).size).toBe(1);
    expect(await storedSizes()).toEqual([...before, answers[0]?.size]);
  });

  it('keeps every checkpoint, each provably an extension of the one before', async () => {
    const rows = await node.ctx.db.select().from(logCheckpoints).orderBy(asc(logCheckpoints.size));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < rows.length; i++) {
      const [older, newer] = [rows[i - 1], rows[i]] as [(typeof rows)[0], (typeof rows)[0]];
      const served = await getJson<ConsistencyProof>(
        node,
        `/fed/v1/log/proof/consistency?from=${older.size}&to=${newer.size}`,
      );
      const proof = served.hashes.map((hash) => Buffer.from(hash, 'base64'));
      const input = {
        from: older.size,
        to: newer.size,
        proof,
        oldRoot: older.rootHash,
        newRoot: newer.rootHash,
      };
      expect(verifyConsistency(input)).toBe(true);
    }
  });

  it('refuses to sign a tree that does not extend its last checkpoint (a stored hash was rewritten)', async () => {
    const before = await storedSizes();
    const size = before.at(-1) as number;
    // The largest perfect subtree of the current tree: part of the next root and of the proof linking them.
    const target = rootPlan(size).nodes[0] as { level: number; index: bigint };
    const where = and(eq(logNodes.level, target.level), eq(logNodes.index, Number(target.index)));
    const [original] = await node.ctx.db.select().from(logNodes).where(where);
    await node.ctx.db
      .update(logNodes)
      .set({ hash: Buffer.alloc(32, 7) })
      .where(where);
    await appendKeyLeaves(node.ctx.db, 1);
    const res = await node.app.request('/fed/v1/log/checkpoint', { headers: readerHeaders() });
    await expectProblem(res, 500, 'internal_error');
    expect(await storedSizes()).toEqual(before);
    await node.ctx.db
      .update(logNodes)
      .set({ hash: original?.hash as Uint8Array })
      .where(where);
    expect((await getCheckpoint()).size).toBe(size + 1);
  });

  it('never stores two checkpoints of one size', async () => {
    const [latest] = await node.ctx.db.select().from(logCheckpoints).orderBy(sql`size desc`).limit(1);
    const again = node.ctx.db
      .insert(logCheckpoints)
      .values({ size: latest?.size as number, rootHash: Buffer.alloc(32), note: 'x\n' });
    await expect(again).rejects.toThrow();
    const rows = await node.ctx.db
      .select()
      .from(logCheckpoints)
      .where(eq(logCheckpoints.size, latest?.size as number));
    expect(rows).toHaveLength(1);
  });
});
