export const say = (line = '') => console.log(line);

/** Runs a slow step with its name on screen, then how long it took. */
export async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  process.stdout.write(`  ${name} ... `);
  const start = performance.now();
  const result = await run();
  say(`${((performance.now() - start) / 1000).toFixed(0)} s`);
  return result;
}
