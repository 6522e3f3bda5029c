import { renderTable } from '../support/table.js';
import type { VerifyCeiling } from './verify-ceiling.js';

export const goals = { ratio: 0.5, noopMs: 50, peakRssMiB: 250 };

export interface SyncFigures {
  records: number;
  pullMs: number;
  /** CPU seconds node B used during the pull (all its threads). */
  pullCpuSeconds: number;
  ceiling: VerifyCeiling;
  noop: { runs: number; median: number; min: number; max: number };
  /** B's resident set: peak, at the end, and once started (before the pull). */
  memoryMiB: { peak: number; current: number; started: number };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'pass' : 'FAIL');

/** The figures as a table with each goal and pass/fail, plus the CPU-time view that shared machines need. */
export function resultLines(f: SyncFigures): string[] {
  const syncRate = (f.records * 1000) / f.pullMs;
  const ratio = syncRate / f.ceiling.perSecond;
  const cpuMsPerRecord = (f.pullCpuSeconds * 1000) / f.records;
  const table = renderTable(
    ['figure', 'value', 'goal', ''],
    [
      ['B pulls from A (records/s)', int(syncRate), '', ''],
      ['Ed25519 verify, node:crypto, 1 core (/s)', int(f.ceiling.perSecond), '', ''],
      ['ratio pull / verify', ratio.toFixed(2), `>= ${goals.ratio}`, verdict(ratio >= goals.ratio)],
      [
        `no-op sync, median of ${f.noop.runs} (ms)`,
        f.noop.median.toFixed(1),
        `< ${goals.noopMs}`,
        verdict(f.noop.median < goals.noopMs),
      ],
      [
        'B peak RSS, VmHWM (MiB)',
        f.memoryMiB.peak.toFixed(0),
        `< ${goals.peakRssMiB}`,
        verdict(f.memoryMiB.peak < goals.peakRssMiB),
      ],
    ],
  );
  return [
    table,
    `no-op sync min ${f.noop.min.toFixed(1)} ms, max ${f.noop.max.toFixed(1)} ms; B RSS ${f.memoryMiB.started.toFixed(0)} MiB once started, ${f.memoryMiB.current.toFixed(0)} MiB at the end`,
    `CPU time per record: B ${cpuMsPerRecord.toFixed(3)} ms (all threads), bare verify ${f.ceiling.cpuMsPerRecord.toFixed(3)} ms` +
      ` = ratio ${(f.ceiling.cpuMsPerRecord / cpuMsPerRecord).toFixed(2)} on CPU time, which other load on the machine hardly changes`,
  ];
}
