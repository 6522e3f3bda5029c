// Three member nodes as separate processes (one on PostgreSQL when SIGHTLINE_TEST_DB=postgres), all peering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend.js';
import { publishedRecordKeys, verifyAgainstAuthor } from './support/author-keys.js';
import { type AuthoredRecord, expectedHoldings, fullMesh } from './support/entitlement.js';
import { ProcessFleet, pinFullMesh } from './support/fleet.js';
import { authorAt, heldRecords, peerStatuses, readObservation, syncUntilQuiet } from './support/node-api.js';
import type { NodeProcess } from './support/node-process.js';
import { readStoredState } from './support/stored-state.js';
import { STARTUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.js';
import { waitFor } from './support/wait-for.js';

const fleet = new ProcessFleet();
let de: NodeProcess;
let fr: NodeProcess;
let jp: NodeProcess;
const authored: AuthoredRecord[] = [];
const members = ['DE', 'FR', 'JP'];

beforeAll(async () => {
  [de, fr, jp] = (await fleet.launch([
    { member: 'DE' },
    { member: 'FR' },
    { member: 'JP', storage: testBackend() === 'postgres' ? 'postgres' : 'pglite' },
  ])) as [NodeProcess, NodeProcess, NodeProcess];
  await pinFullMesh([de, fr, jp]);
}, STARTUP_TIMEOUT_MS);
afterAll(() => fleet.dispose());

/** Each node holds exactly the records it is entitled to, byte for byte, verifiable against the author's key. */
async function expectHoldings(nodes: readonly NodeProcess[]) {
  const expected = expectedHoldings(authored, fullMesh(members));
  const authorKeys = new Map(
    await Promise.all([de, fr, jp].map(async (n) => [n.member, await publishedRecordKeys(n)] as const)),
  );
  for (const node of nodes) {
    const held = await heldRecords(node);
    expect([...held.keys()].sort(), `records held by ${node.member}`).toEqual(
      [...(expected.get(node.member) ?? [])].sort(),
    );
    for (const record of authored.filter((r) => held.has(r.id))) {
      expect(held.get(record.id)?.jws, `${node.member}'s copy of ${record.author} ${record.tlp}`).toBe(
        record.jws,
      );
      const view = await readObservation(node, record.id);
      expect(view?.verified).toBe(true);
      const audit = verifyAgainstAuthor(record.jws, record.author, authorKeys.get(record.author) ?? []);
      expect(audit).toMatchObject({ ok: true, id: record.id, author: record.author });
    }
  }
}

describe('full mesh of three member nodes', () => {
  it(
    'every record reaches exactly the members entitled to it: AMBER only the author and FR, RED only the author',
    async () => {
      for (const node of [de, fr, jp]) {
        authored.push(
          await authorAt(node, 'TLP:CLEAR'),
          await authorAt(node, 'TLP:GREEN'),
          await authorAt(node, 'TLP:AMBER', ['FR']),
          await authorAt(node, 'TLP:RED'),
        );
      }
      for (const node of [de, fr, jp]) await syncUntilQuiet(node);
      // A second round brings nothing: relayed copies of what a node already holds are duplicates.
      for (const node of [de, fr, jp]) {
        const lines = await syncUntilQuiet(node);
        expect(lines.filter((l) => l.type === 'page').every((l) => l.accepted === 0)).toBe(true);
      }

      await expectHoldings([de, fr, jp]);
      const amber = authored.filter((r) => r.tlp === 'TLP:AMBER' && r.author === 'DE');
      expect(amber).toHaveLength(1);
      expect(await readObservation(jp, amber[0]?.id as string)).toBeUndefined();
      for (const node of [de, fr, jp]) {
        for (const peer of await peerStatuses(node)) {
          // Sender-side filtering: nobody was offered a record it then had to refuse.
          expect(peer, `${node.member}'s view of ${peer.id}`).toMatchObject({
            rejected: 0,
            lag: 0,
            lastError: null,
          });
        }
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a node stopped with SIGTERM catches up after restart, with nothing lost and nothing twice',
    async () => {
      await jp.stop();
      authored.push(
        await authorAt(de, 'TLP:GREEN'),
        await authorAt(de, 'TLP:AMBER+STRICT', ['JP']),
        await authorAt(fr, 'TLP:CLEAR'),
        await authorAt(fr, 'TLP:RED'),
      );
      await syncUntilQuiet(de, 'FR');
      await syncUntilQuiet(fr, 'DE');

      await jp.start({ syncIntervalSeconds: 1 });
      const expected = expectedHoldings(authored, fullMesh(members)).get('JP') as Set<string>;
      await waitFor(async () => (await heldRecords(jp)).size >= expected.size, 120_000);
      // Let the worker run a few more passes: they must bring nothing more.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await expectHoldings([de, fr, jp]);
      const peers = await peerStatuses(jp);
      for (const peer of peers)
        expect(peer, `JP's view of ${peer.id}`).toMatchObject({ rejected: 0, lag: 0 });
      const heads = new Map(peers.map((p) => [p.id, p.peerHead]));

      await jp.stop();
      const stored = await readStoredState(jp);
      expect(new Set(stored.recordIds)).toEqual(expected);
      // One log leaf per record, each record logged once.
      expect(stored.logSize).toBe(stored.recordIds.length);
      expect(stored.leafRecordIds).toEqual(stored.recordIds);
      // The cursor for each peer covers the peer's whole log, as the peer reported it.
      for (const [peer, cursor] of stored.cursors)
        expect(cursor, `cursor for ${peer}`).toBe((heads.get(peer) ?? 0) - 1);
      // Receipts: every record held has one, from itself or a peer; none for records it does not hold.
      for (const id of stored.recordIds) {
        const from = stored.receipts.filter((r) => r.recordId === id).map((r) => r.from);
        const own = authored.find((r) => r.id === id)?.author === 'JP';
        expect(from.length, `receipts of ${id}`).toBeGreaterThan(0);
        for (const sender of from)
          expect(own ? ['self'] : members.filter((m) => m !== 'JP')).toContain(sender);
      }
      expect(stored.receipts.every((r) => expected.has(r.recordId))).toBe(true);
      expect(stored.rejections).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
