// `npm run demo` (issue 3, item 10): three member nodes on this machine exchange the public seed cases,
// then the demo shows what each member holds and why it lacks the rest. Ctrl-C stops all three.
// Run: npm run demo [-- --fresh]
import { parseArgs } from 'node:util';
import { authorPlannedCases } from './demo/author.js';
import { say, step } from './demo/console.js';
import {
  demoRoot,
  initMembers,
  memberFolder,
  prepareDemoFolder,
  shownPath,
  startMembers,
  writeFederationFile,
} from './demo/federation.js';
import { compareHoldings } from './demo/holdings.js';
import type { NodeApi } from './demo/http.js';
import { readInitialToken } from './demo/node-process.js';
import { demoMembers, demoPlan, labelTally, readSeed, showcaseMeasures } from './demo/plan.js';
import { freePorts } from './demo/ports.js';
import { reconciliationLine } from './demo/reconciliation.js';
import { listHeld } from './demo/records.js';
import { absenceLines, holdingsTable } from './demo/report.js';
import { syncUntilSettled } from './demo/settle.js';
import { Supervisor } from './demo/supervisor.js';
import { alignColumns, leftAligned } from './demo/table.js';

const syncIntervalSec = 10;
const { values: flags } = parseArgs({
  options: { fresh: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
});
if (flags.help) {
  console.log(
    'usage: npm run demo [-- --fresh]\n  --fresh  delete .sightline/demo and start from empty nodes',
  );
  process.exit(0);
}

const supervisor = new Supervisor(say);
const running = supervisor.nodes;
let reusedFolder = false;

async function main(): Promise<void> {
  const seed = readSeed();
  say('Sightline demo: three member nodes on this machine share the 20 public seed cases');
  const state = prepareDemoFolder(flags.fresh ?? false);
  reusedFolder = state === 'reused';
  say(
    state === 'reused'
      ? `  data    ${shownPath(demoRoot)} (reused; \`npm run demo -- --fresh\` starts over)`
      : `  data    ${shownPath(demoRoot)} (new: creating three databases takes a little while)`,
  );

  say('\nStarting the nodes');
  const identities = await step('sightline init: keys and embedded databases', () =>
    initMembers(demoMembers),
  );
  const ports = await freePorts([8101, 8102, 8103]);
  const federationFile = writeFederationFile(identities, ports);
  await step(`sightline start --federation ${shownPath(federationFile)}`, () =>
    startMembers(demoMembers, ports, federationFile, syncIntervalSec, (node) => running.push(node)),
  );
  running.sort((a, b) => a.member.localeCompare(b.member));
  const apis = new Map<string, NodeApi>();
  for (const node of running) {
    const token = readInitialToken(node.dataDir);
    if (!token) throw new Error(`${node.member} has no ${node.dataDir}/initial-token: run with --fresh`);
    apis.set(node.member, { url: node.url, token });
  }
  const nodeRows = running.map((n) => [
    n.member,
    n.url,
    `pid ${n.pid}`,
    `log ${shownPath(`${n.dataDir}/node.log`)}`,
  ]);
  say(alignColumns(nodeRows, leftAligned).join('\n'));

  say('\nEach member records its share of the seed cases (POST /v1/observations)');
  const created = await Promise.all(
    demoMembers.map((member) => authorPlannedCases(member, apis.get(member) as NodeApi, seed)),
  );
  const planRows = demoMembers.map((member, i) => {
    const fresh = created[i] ? `${created[i]} new` : 'all from the last run';
    return [
      member,
      `${demoPlan.filter((p) => p.author === member).length} cases`,
      labelTally(member),
      `(${fresh})`,
    ];
  });
  say(alignColumns(planRows, (column) => column === 1).join('\n'));

  say('\nSyncing: every node pulls its two peers until nothing new arrives');
  const settled = await syncUntilSettled(apis, (round, { accepted, errors }) => {
    const outcome = errors.length ? `, ${errors.length} failed pulls` : accepted === 0 ? ': settled' : '';
    say(`  round ${round}: ${accepted} new records${outcome}`);
    for (const error of errors) say(`    ${error}`);
  });

  const heldBy = new Map(
    await Promise.all([...apis].map(async ([m, api]) => [m, await listHeld(api)] as const)),
  );
  const holdings = compareHoldings(heldBy);
  const exchanged = holdings.reduce((n, h) => n + h.held.filter((r) => r.author !== h.member).length, 0);
  say(
    settled
      ? `  ${exchanged} records exchanged in all (the nodes' own ${syncIntervalSec}-second sync may have pulled some first)`
      : '  not settled: see the node logs',
  );
  say('\nWhat each member holds (records, by author and by label)');
  say(holdingsTable(holdings, demoMembers).join('\n'));
  say('\nWhat each member did not receive, and why');
  say(absenceLines(holdings).join('\n'));

  say('\nReconciliation: GET /v1/measures/{key}/reconciliation on DE (holds all) and JP (no AMBER, no RED)');
  for (const measure of showcaseMeasures) {
    say(`  ${measure.key} (${measure.name})`);
    for (const member of ['DE', 'JP']) {
      say(`    ${member}  ${await reconciliationLine(apis.get(member) as NodeApi, measure.key)}`);
    }
  }

  const jp = apis.get('JP') as NodeApi;
  const auth = `-H 'Authorization: Bearer ${jp.token}'`;
  say("\nTry it (admin tokens are in each data folder, file initial-token; this one is JP's)");
  say(`  API docs       ${running.map((n) => `${n.url}/docs`).join('  ')}`);
  say(`  JP's records   curl ${auth} ${jp.url}/v1/observations`);
  say(`  JP's peers     curl ${auth} ${jp.url}/v1/peers`);
  say(`\nThe nodes keep pulling each other every ${syncIntervalSec} s. Press Ctrl-C to stop all three.`);

  const stopped = await supervisor.unexpectedExit();
  if (!stopped) return;
  say(
    `\n${stopped.member} stopped unexpectedly: see ${shownPath(`${memberFolder(stopped.member)}/node.log`)}`,
  );
  await supervisor.stopAll('a node stopped', 1);
}

main().catch(async (error: Error) => {
  say(`\ndemo failed: ${error.message}`);
  if (/\bin use\b/.test(error.message))
    say('(another demo is running: stop it with Ctrl-C in its terminal, then run this again)');
  else if (reusedFolder)
    say('(an interrupted earlier run can leave a broken folder: `npm run demo -- --fresh` starts over)');
  await supervisor.stopAll('cleaning up', 1);
});
