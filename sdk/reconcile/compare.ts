// Code-unit order, never localeCompare: results must not depend on the runtime's ICU data.
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A number that orders strings as compareStrings does wherever it differs: their first six UTF-16 code units,
 * 8 bits each (a missing one counts as 0; from the first unit of 255 or more on, the key stops, as it cannot
 * tell those apart). Ties fall back to the whole strings. Hex record ids differ within six characters, so
 * sorting by it first spares reading the strings, scattered over the heap, at nearly every comparison.
 */
export function stringOrderKey(value: string): number {
  let key = 0;
  let open = true;
  for (let index = 0; index < 6; index++) {
    const unit: number = open && index < value.length ? Math.min(value.charCodeAt(index), 255) : 0;
    open &&= unit < 255;
    key = key * 256 + unit;
  }
  return key;
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
