// A node killed with SIGKILL while it ingests a large pull, then restarted: the pull resumes where the last
// committed page ended, with nothing lost, nothing twice and no gap between its records and its log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend.js';
import { nodeKeyFile } from './support/author-keys.js';
import { bulkLoad } from './support/bulk-load.js';
import { ProcessFleet } from './support/fleet.js';
import { authorAt, identityOf, peerStatus, pin, syncNow } from './support/node-api.js';
import type { NodeProcess } from './support/node-process.js';
import { readStoredState } from './support/stored-state.js';
import { startTapProxy, type TappedExchange } from './support/tap-proxy.js';
import { STARTUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.js';
import { waitFor } from './support/wait-for.js';

const BULK = 5000;
const fleet = new ProcessFleet();
let de: NodeProcess;
let fr: NodeProcess;
let proxy: Awaited<ReturnType<typeof startTapProxy>>;
let onAnswered: ((exchange: TappedExchange) => void) | undefined;
/** DE's records that FR may receive, with DE's sequence number for each. */
const entitled: { id: string; seq: number }[] = [];
let deLastSeq = -1;

beforeAll(async () => {
  [de, fr] = (await fleet.launch([{ member: 'DE' }, { member: 'FR', storage: testBackend() }])) as [
    NodeProcess,
    NodeProcess,
  ];
  // FR reaches DE through a proxy that tells the test when a feed page has been handed over.
  proxy = await startTapProxy(de.url, (exchange) => onAnswered?.(exchange));
  await pin(de, { ...(await identityOf(fr)), url: fr.url });
  await pin(fr, { ...(await identityOf(de)), url: proxy.url });

  const bulk = await bulkLoad({
    target: de,
    author: { member: 'DE', recordKey: nodeKeyFile(de.dataDir, 'record') },
    sender: { member: 'FR', peerKey: nodeKeyFile(fr.dataDir, 'peer') },
    count: BULK,
  });
  entitled.push(...bulk.map(({ id, seq }) => ({ id, seq })));
  // The log ends with records FR may not have: the cursor must still move past them.
  const tail = [
    await authorAt(de, 'TLP:AMBER', ['FR']),
    await authorAt(de, 'TLP:RED'),
    await authorAt(de, 'TLP:AMBER', ['JP']),
  ];
  deLastSeq = BULK + tail.length - 1;
  const amberForFr = tail[0] as { id: string };
  entitled.push({ id: amberForFr.id, seq: BULK });
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await proxy?.close();
  await fleet.dispose();
});

describe('SIGKILL in the middle of a large pull', () => {
  it(
    'leaves a committed prefix with its cursor; after restart the pull resumes with no loss, duplicates or gaps',
    async () => {
      const killed = new Promise<TappedExchange>((resolve) => {
        onAnswered = (exchange) => {
          // The fifth page of 500 (records 2000-2499) is now FR's to verify and store: kill it while it does.
          if (!exchange.path.startsWith('/fed/v1/feed?after=1999&')) return;
          onAnswered = undefined;
          setTimeout(() => void fr.kill().then(() => resolve(exchange)), 100);
        };
      });
      const pass = syncNow(fr, 'DE').catch(() => []);
      await killed;
      await pass;
      // A pull fetches and verifies the next page while it stores one, so the kill can find the fourth page
      // still being stored, or the fifth: whatever committed is a prefix of whole pages, with its cursor.
      const partial = await readStoredState(fr);
      const cursor = partial.cursors.get('DE') as number;
      expect([1499, 1999, 2499]).toContain(cursor);
      const committed = entitled.filter((r) => r.seq <= cursor).map((r) => r.id);
      expect(partial.recordIds).toEqual(committed);
      expect(partial.logSize).toBe(committed.length);
      expect(partial.leafRecordIds).toEqual(committed);

      await fr.start({ syncIntervalSeconds: 1 });
      await waitFor(async () => (await peerStatus(fr, 'DE')).cursor === deLastSeq, 150_000);
      const status = await peerStatus(fr, 'DE');
      expect(status).toMatchObject({ cursor: deLastSeq, peerHead: deLastSeq + 1, lag: 0, rejected: 0 });
      await fr.stop();

      const final = await readStoredState(fr);
      const ids = entitled.map((r) => r.id);
      expect(final.recordIds).toHaveLength(ids.length);
      expect(new Set(final.recordIds)).toEqual(new Set(ids));
      // The log has exactly one leaf per record, in the order DE served them: no gap, no duplicate.
      expect(final.logSize).toBe(ids.length);
      expect(final.leafRecordIds).toEqual(ids);
      expect(final.seqs).toEqual(ids.map((_, i) => i));
      expect(final.cursors.get('DE')).toBe(deLastSeq);
      // Exactly one receipt per record, from DE, naming DE's sequence number for it.
      const deSeq = new Map(entitled.map((r) => [r.id, r.seq]));
      expect(final.receipts).toHaveLength(ids.length);
      for (const receipt of final.receipts) {
        expect(receipt).toEqual({
          recordId: receipt.recordId,
          from: 'DE',
          senderSeq: deSeq.get(receipt.recordId),
        });
      }
      expect(final.rejections).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
