// A chain DE - FR - JP: JP does not peer with DE but pins DE's keys (a federation-file entry without url).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedRecordKeys, verifyAgainstAuthor } from './support/author-keys.js';
import { runCli } from './support/cli.js';
import type { AuthoredRecord } from './support/entitlement.js';
import { ProcessFleet } from './support/fleet.js';
import {
  authorAt,
  heldRecords,
  identityOf,
  peerStatuses,
  pin,
  readObservation,
  syncUntilQuiet,
} from './support/node-api.js';
import type { NodeProcess } from './support/node-process.js';
import { STARTUP_TIMEOUT_MS } from './support/timeouts.js';

const fleet = new ProcessFleet();
let de: NodeProcess;
let fr: NodeProcess;
let jp: NodeProcess;

beforeAll(async () => {
  [de, fr] = (await fleet.launch([{ member: 'DE' }, { member: 'FR' }])) as [NodeProcess, NodeProcess];
  const [deIdentity, frIdentity] = await Promise.all([identityOf(de), identityOf(fr)]);
  [jp] = (await fleet.launch([
    {
      member: 'JP',
      federation: {
        members: [
          { id: 'DE', keys: deIdentity.keys },
          { id: 'FR', url: fr.url, keys: frIdentity.keys },
        ],
      },
    },
  ])) as [NodeProcess];
  await pin(de, { ...frIdentity, url: fr.url });
  await pin(fr, { ...deIdentity, url: de.url });
  await pin(fr, { ...(await identityOf(jp)), url: jp.url });
}, STARTUP_TIMEOUT_MS);
afterAll(() => fleet.dispose());

describe('relay through a chain of peers', () => {
  let green: AuthoredRecord;
  let clear: AuthoredRecord;
  let amber: AuthoredRecord;
  let red: AuthoredRecord;

  beforeAll(async () => {
    green = await authorAt(de, 'TLP:GREEN');
    clear = await authorAt(de, 'TLP:CLEAR');
    amber = await authorAt(de, 'TLP:AMBER', ['FR', 'JP']);
    red = await authorAt(de, 'TLP:RED');
    await syncUntilQuiet(fr, 'DE');
    // JP's operator runs one pass with the CLI: a progress line per page, then a line per peer done.
    const cli = await runCli(['sync', 'FR', '--node', jp.url, '--token', jp.adminToken]);
    expect(cli, `${cli.stdout}\n${cli.stderr}`).toMatchObject({ code: 0 });
    expect(cli.stdout).toMatch(/^FR: log entries 0-\d+ of \d+: 2 accepted, 0 duplicate, 0 rejected$/m);
    expect(cli.stdout).toMatch(/^FR: up to date$/m);
  }, STARTUP_TIMEOUT_MS);

  it('JP has DE pinned as an author only: no URL, nothing to pull', async () => {
    const peers = await peerStatuses(jp);
    expect(peers.map((p) => [p.id, p.url])).toEqual([
      ['DE', null],
      ['FR', fr.url],
    ]);
  });

  it('a GREEN record by DE reaches JP through FR, byte for byte, verifiable against DE’s key, received from FR', async () => {
    const deKeys = await publishedRecordKeys(de);
    for (const record of [green, clear]) {
      const view = await readObservation(jp, record.id);
      expect(view).toMatchObject({ author: 'DE', jws: record.jws, receivedFrom: 'FR', verified: true });
      expect(verifyAgainstAuthor(view?.jws as string, 'DE', deKeys)).toMatchObject({
        ok: true,
        id: record.id,
      });
    }
    expect(await readObservation(fr, green.id)).toMatchObject({ receivedFrom: 'DE', verified: true });
  });

  it('an AMBER record for FR and JP reaches FR from its author, and never JP through FR', async () => {
    expect(await readObservation(fr, amber.id)).toMatchObject({ receivedFrom: 'DE', jws: amber.jws });
    expect(await readObservation(jp, amber.id)).toBeUndefined();
    // FR did not even offer it: JP refused nothing.
    expect((await peerStatuses(jp)).find((p) => p.id === 'FR')).toMatchObject({ rejected: 0, lag: 0 });
  });

  it('RED never leaves DE; JP holds exactly the relayable records', async () => {
    expect(await readObservation(fr, red.id)).toBeUndefined();
    expect([...(await heldRecords(jp)).keys()].sort()).toEqual([green.id, clear.id].sort());
  });
});
