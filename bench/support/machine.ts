import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

/** One line naming the machine a benchmark ran on: numbers mean little without it. */
export function describeMachine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown cpu';
  const memoryGb = (totalmem() / 2 ** 30).toFixed(1);
  return `machine: ${model}, ${availableParallelism()} cores, ${memoryGb} GiB, node ${process.version}, ${process.platform}/${process.arch}`;
}

/** The 1-minute load average, flagged when other work competes for the cores: timings then run long. */
export function describeLoad(): string {
  const [oneMinute = 0] = loadavg();
  const busy = oneMinute > availableParallelism() * 0.75;
  return `load average (1 min): ${oneMinute.toFixed(1)}${busy ? ' - the machine is busy; timings will run long' : ''}`;
}
