// Code-unit order, never localeCompare: results must not depend on the runtime's ICU data.
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A number that orders strings as compareStrings does wherever it differs: their first three UTF-16 code
 * units (a missing one counts as 0, so ties fall back to the whole strings). Sorting by it first spares
 * reading every string again at each comparison.
 */
export function stringOrderKey(value: string): number {
  const unit = (index: number) => (index < value.length ? value.charCodeAt(index) : 0);
  return unit(0) * 2 ** 32 + unit(1) * 2 ** 16 + unit(2);
}

export function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Array.prototype.sort allocates sort state on every call; most lists sorted here have a handful of entries,
// and reconciling 100k records makes hundreds of thousands of such calls.
const INSERTION_SORT_MAX = 24;

/** Sorts `list` in place (stable) and returns it. */
export function sortInPlace<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > INSERTION_SORT_MAX) return list.sort(compare);
  for (let index = 1; index < list.length; index++) {
    const value = list[index] as T;
    let slot = index;
    while (slot > 0 && compare(list[slot - 1] as T, value) > 0) {
      list[slot] = list[slot - 1] as T;
      slot--;
    }
    list[slot] = value;
  }
  return list;
}

/** Sorts `values` in place, drops repeats, and returns it. */
export function sortedUnique(values: string[]): string[] {
  sortInPlace(values, compareStrings);
  let kept = 0;
  for (const value of values) if (kept === 0 || values[kept - 1] !== value) values[kept++] = value;
  values.length = kept;
  return values;
}

/** Pushes `value` onto the list stored under `key`, creating the list on first use. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
