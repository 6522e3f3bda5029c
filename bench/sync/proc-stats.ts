import { readFileSync } from 'node:fs';

const clockTicksPerSecond = 100; // USER_HZ on Linux

/** Peak and current resident set size of a live process, in MiB (Linux /proc/<pid>/status). */
export function memoryMiB(pid: number): { peak: number; current: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { peak: kb('VmHWM') / 1024, current: kb('VmRSS') / 1024 };
}

/** User plus system CPU seconds a live process has used, all threads (Linux /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}
