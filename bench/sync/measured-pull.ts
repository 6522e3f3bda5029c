import { availableParallelism } from 'node:os';
import type { NodeApi } from '../../scripts/demo/http.js';
import type { RunningNode } from '../../scripts/demo/node-process.js';
import { backendCpu } from './backend-cpu.js';
import type { ScratchPostgres } from './postgres-scratch.js';
import { cpuSeconds } from './proc-stats.js';
import { type PullResult, timedPull } from './pull.js';

interface Side {
  node: RunningNode;
  database: ScratchPostgres;
}

export interface MeasuredPull extends PullResult {
  /** CPU seconds during the pull: each node process (all threads) and the PostgreSQL backends of its database. */
  cpu: { a: number; b: number; dbA: number | undefined; dbB: number | undefined };
}

/**
 * B pulls everything from A once (POST /v1/peers/{A}/sync on B), timed, with the CPU each party used meanwhile:
 * where the time goes when the goal is missed, and whether the cores were busy at all.
 */
export async function measuredPull(
  a: Side,
  b: Side & { api: NodeApi },
  onProgress: (accepted: number) => void,
): Promise<MeasuredPull> {
  const dbA = backendCpu(a.database.serverUrl, a.database.name);
  const dbB = backendCpu(b.database.serverUrl, b.database.name);
  try {
    const before = { dbA: await dbA.snapshot(), dbB: await dbB.snapshot() };
    const nodesBefore = { a: cpuSeconds(a.node.pid), b: cpuSeconds(b.node.pid) };
    const pull = await timedPull(b.api, a.node.member, onProgress);
    const cpu = {
      a: cpuSeconds(a.node.pid) - nodesBefore.a,
      b: cpuSeconds(b.node.pid) - nodesBefore.b,
      dbA: await dbA.since(before.dbA),
      dbB: await dbB.since(before.dbB),
    };
    return { ...pull, cpu };
  } finally {
    await Promise.all([dbA.close(), dbB.close()]);
  }
}

/** Lines saying how much CPU each party used, in seconds and in cores busy on average. */
export function cpuLines({ ms, cpu }: MeasuredPull): string[] {
  const share = (seconds: number | undefined) =>
    seconds === undefined ? 'n/a' : `${seconds.toFixed(1)} s = ${((seconds * 1000) / ms).toFixed(2)} cores`;
  return [
    `CPU used meanwhile (this machine has ${availableParallelism()} cores):`,
    `  node B ${share(cpu.b)}, B's PostgreSQL backends ${share(cpu.dbB)}`,
    `  node A ${share(cpu.a)}, A's PostgreSQL backends ${share(cpu.dbA)}`,
  ];
}
