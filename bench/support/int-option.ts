/** An integer command-line option of a benchmark, or `fallback` when absent; a bad value throws with the usage. */
export function intOption(
  name: string,
  value: string | undefined,
  fallback: number,
  usage: string,
  min = 1,
): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < min)
    throw new Error(`--${name} must be an integer >= ${min}\n${usage}`);
  return parsed;
}
