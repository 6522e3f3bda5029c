import postgres from 'postgres';
import { cpuSeconds } from './proc-stats.js';

/**
 * CPU seconds of the PostgreSQL backends serving one database, read from /proc: only meaningful when the server
 * runs on this machine (otherwise every figure is undefined). Snapshots taken before and after a run give the
 * database's share of the work, which competes with the nodes for the same cores.
 */
export function backendCpu(serverUrl: string, database: string) {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  async function snapshot(): Promise<Map<number, number>> {
    const rows = await admin<{ pid: number }[]>`
      select pid from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        cpu.set(pid, cpuSeconds(pid));
      } catch {}
    }
    return cpu;
  }
  return {
    snapshot,
    /** CPU seconds used between `before` and now, or undefined when no backend could be read. */
    async since(before: Map<number, number>): Promise<number | undefined> {
      const after = await snapshot();
      if (after.size === 0) return undefined;
      let total = 0;
      for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
      return total;
    },
    close: () => admin.end({ timeout: 5 }),
  };
}
