/** Wall time of a synchronous run, in milliseconds. */
export function elapsedMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Wall time of an asynchronous run, in milliseconds. */
export async function elapsedMsAsync(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export const perSecond = (count: number, ms: number) => (count * 1000) / ms;
