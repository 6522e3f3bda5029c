/** A deterministic source of randomness: the same seed always yields the same benchmark data. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, max). */
  int(max: number): number;
  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** `count` distinct elements of `list` (all of them when count >= list.length). */
  sample<T>(list: readonly T[], count: number): T[];
  /** Index drawn with a Zipf-like skew: low indexes are much more frequent, as popular measures are. */
  skewedIndex(size: number, exponent?: number): number;
}

/** mulberry32: small, fast and good enough to spread benchmark values. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (probability) => next() < probability,
    pick: <T>(list: readonly T[]) => list[int(list.length)] as T,
    sample<T>(list: readonly T[], count: number): T[] {
      const pool = [...list];
      const taken: T[] = [];
      while (taken.length < count && pool.length > 0) taken.push(pool.splice(int(pool.length), 1)[0] as T);
      return taken;
    },
    skewedIndex: (size, exponent = 2) => Math.min(size - 1, Math.floor(size * next() ** exponent)),
  };
}
