import { type NodeApi, runSync } from '../../scripts/demo/http.js';
import { percentile } from '../support/timing.js';

export interface PullResult {
  accepted: number;
  duplicate: number;
  rejected: number;
  ms: number;
  errors: string[];
}

/** One full pull of `peer` by `node` (POST /v1/peers/{peer}/sync), timed from request to last page committed. */
export async function timedPull(node: NodeApi, peer: string, onProgress?: (accepted: number) => void) {
  const result: PullResult = { accepted: 0, duplicate: 0, rejected: 0, ms: 0, errors: [] };
  const start = performance.now();
  await runSync(node, peer, (line) => {
    if (line.type === 'page') {
      result.accepted += line.accepted;
      result.duplicate += line.duplicate;
      result.rejected += line.rejected;
      onProgress?.(result.accepted);
    } else if (line.type === 'error') result.errors.push(line.error);
  });
  result.ms = performance.now() - start;
  return result;
}

/** Median and spread of `runs` pulls that find nothing new, after one untimed warm-up pull. */
export async function noopSyncMs(node: NodeApi, peer: string, runs: number) {
  await timedPull(node, peer);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const pull = await timedPull(node, peer);
    if (pull.accepted || pull.errors.length)
      throw new Error(`a no-op sync was not one: ${JSON.stringify(pull)}`);
    ms.push(pull.ms);
  }
  return { median: percentile(ms, 50), min: Math.min(...ms), max: Math.max(...ms) };
}
