// A node told to stop (SIGTERM, Ctrl-C) in the middle of a sync pass ends the pass after the page it is
// storing, with that page's cursor committed, instead of pulling on until its shutdown deadline and closing
// its verify workers under the pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFacing } from './support/facing-fake-peer.js';
import { FakePeer } from './support/fake-peer.js';
import { ProcessFleet } from './support/fleet.js';
import { call, heldRecords, peerStatus, syncNow } from './support/node-api.js';
import type { NodeProcess } from './support/node-process.js';
import { STARTUP_TIMEOUT_MS, TEST_TIMEOUT_MS } from './support/timeouts.js';

// More pages than a node can store before its five-second shutdown deadline.
const RECORDS = 10_000;
const fleet = new ProcessFleet();
const nl = new FakePeer('NL');
let de: NodeProcess;

beforeAll(async () => {
  await nl.start();
  for (let n = 0; n < RECORDS; n++) nl.feed.push(nl.sign('TLP:GREEN', `record ${n}`).jws);
  de = await launchFacing(fleet, nl);
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await fleet.dispose();
  await nl.close();
});

describe('stopping a node during a sync pass', () => {
  it(
    'ends the pass after the page being stored; the next start resumes from there with nothing lost',
    async () => {
      const response = await call(de, 'POST', '/v1/peers/NL/sync');
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      let stopped: Promise<void> | undefined;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        if (!stopped && text.includes('"type":"page"')) stopped = de.stop();
      }
      await stopped;
      const lines = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { type: string; next?: number });
      expect(lines.at(-1)).toEqual({ type: 'done', member: 'NL' });
      const pages = lines.filter((line) => line.type === 'page');
      expect(pages.at(-1)?.next).toBeLessThan(RECORDS - 1);
      expect(de.output).not.toMatch(/verify pool was closed|sync failed/);

      await de.start();
      expect(await peerStatus(de, 'NL')).toMatchObject({ cursor: pages.at(-1)?.next, rejected: 0 });
      expect((await syncNow(de, 'NL')).at(-1)).toEqual({ type: 'done', member: 'NL' });
      expect((await heldRecords(de)).size).toBe(RECORDS);
    },
    TEST_TIMEOUT_MS,
  );
});
