import { sortedUnique } from './compare.js';
import { asFields, stringField } from './observation-view.js';
import type { StringPool } from './string-pool.js';

const HS_PREFIX = 'HS:';
const HEADING_PREFIX = 'HS_HEADING:';

function normalizedLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The key claims are matched on. HS codes (and their national 8-10 digit codes) roll up to the HS6 code;
 * free-text labels match only when equal after case and whitespace folding, never by similarity.
 */
export function itemKey(item: unknown): string | undefined {
  const scheme = stringField(item, 'scheme');
  if (!scheme) return undefined;
  const code = stringField(item, 'code')?.replace(/[.\s]/g, '');
  if (scheme === 'HS') return code && /^\d{6,10}$/.test(code) ? HS_PREFIX + code.slice(0, 6) : undefined;
  if (scheme === 'HS_HEADING') return code && /^\d{4}$/.test(code) ? HEADING_PREFIX + code : undefined;
  if (code) return `${scheme}:${code}`;
  const label = stringField(item, 'label');
  return label ? `${scheme}:${normalizedLabel(label)}` : undefined;
}

/**
 * Per-call memo of item keys. Claims repeat a few thousand items, so each key is one shared string, and HS
 * codes (nearly every item) are looked up by their raw code without building any string.
 */
export class ItemKeys {
  private readonly byHsCode = new Map<string, string | null>();

  constructor(private readonly strings: StringPool) {}

  keyOf(item: unknown): string | undefined {
    // Named property reads (not stringField's computed ones) keep this hot path's property lookups fast.
    const fields = asFields(item);
    const code = fields?.scheme === 'HS' && typeof fields.code === 'string' ? fields.code : undefined;
    if (code === undefined) return this.intern(itemKey(item));
    let key = this.byHsCode.get(code);
    if (key === undefined) {
      key = this.intern(itemKey(item)) ?? null;
      this.byHsCode.set(code, key);
    }
    return key ?? undefined;
  }

  /** Distinct keys of a record's items, sorted. */
  keysOf(items: readonly unknown[]): string[] {
    const keys: string[] = [];
    for (const item of items) {
      const key = this.keyOf(item);
      if (key !== undefined) keys.push(key);
    }
    return keys.length > 1 ? sortedUnique(keys) : keys;
  }

  private intern(key: string | undefined): string | undefined {
    return key === undefined ? undefined : this.strings.intern(key);
  }
}

export function isHeading(item: string): boolean {
  return item.startsWith(HEADING_PREFIX);
}

/**
 * Buckets an item is compared in, within one measure: an HS heading joins the bucket of every HS6 code under
 * it that some claim of the measure names, or stays its own bucket when none does.
 */
export function itemBuckets(itemsInMeasure: Iterable<string>): (item: string) => readonly string[] {
  const hs6ByHeading = new Map<string, Set<string>>();
  for (const item of itemsInMeasure) {
    if (!item.startsWith(HS_PREFIX)) continue;
    const heading = HEADING_PREFIX + item.slice(HS_PREFIX.length, HS_PREFIX.length + 4);
    const codes = hs6ByHeading.get(heading);
    if (codes) codes.add(item);
    else hs6ByHeading.set(heading, new Set([item]));
  }
  const expanded = new Map<string, string[]>();
  for (const [heading, codes] of hs6ByHeading) expanded.set(heading, sortedUnique([...codes]));
  return (item) => (isHeading(item) ? (expanded.get(item) ?? [item]) : [item]);
}
