import { openNode } from '../../api/node/open-node.js';
import { benchCreatedAt } from '../support/created-at.js';
import { ingestInBatches } from '../support/load.js';
import { signObservations } from '../support/signing.js';
import { perSecond } from '../support/timing.js';
import { bodiesForReceiver } from './bodies.js';
import { bareVerifyCeiling, type VerifyCeiling } from './verify-ceiling.js';

export interface LoadedNode {
  records: number;
  signPerSecond: number;
  loadPerSecond: number;
  /** Single-core node:crypto Ed25519 verification of these records' signing inputs. */
  verifyCeiling: VerifyCeiling;
}

interface LoadOptions {
  member: string;
  receiver: string;
  dataDir: string;
  databaseUrl: string;
  records: number;
  seed: number;
  log: (line: string) => void;
}

/**
 * Fills node A's database directly, without HTTP: bodies signed with A's record key (the PEM file in its data
 * folder, which openNode loads), then stored through the node's one ingest path, 1,000 per transaction.
 */
export async function loadNodeA(options: LoadOptions): Promise<LoadedNode> {
  const { log } = options;
  const bodies = bodiesForReceiver(options.records, options.seed, options.receiver);
  const node = await openNode({
    member: options.member,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
  });
  try {
    const signed = signObservations(bodies, options.member, node.keys.record, benchCreatedAt);
    bodies.length = 0;
    const signPerSecond = perSecond(signed.jwsList.length, signed.ms);
    log(`  signed ${signed.jwsList.length.toLocaleString('en-US')} records: ${Math.round(signPerSecond)}/s`);
    const verifyCeiling = bareVerifyCeiling(signed.jwsList, node.keys.record.publicKey);
    log(
      `  bare Ed25519 verify of their signing inputs, node:crypto, 1 core: ${Math.round(verifyCeiling.perSecond)}/s`,
    );
    const loadMs = await ingestInBatches(node, signed.jwsList, 1_000, (loaded) => {
      if (loaded % 25_000 === 0) log(`  stored ${loaded.toLocaleString('en-US')}`);
    });
    const loadPerSecond = perSecond(signed.jwsList.length, loadMs);
    log(`  stored through ingestRecords: ${Math.round(loadPerSecond)}/s (${(loadMs / 1000).toFixed(1)} s)`);
    return { records: signed.jwsList.length, signPerSecond, loadPerSecond, verifyCeiling };
  } finally {
    await node.close();
  }
}
