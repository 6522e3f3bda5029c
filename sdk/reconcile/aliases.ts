import { SightlineError } from '../errors.js';

/**
 * Turns an alias map (alias -> canonical) into a resolver that follows chains (A -> B -> C gives C).
 * Throws `invalid_alias_map` on a cycle or a non-string target.
 */
export function aliasResolver(aliases: Readonly<Record<string, string>> = {}): (key: string) => string {
  if (Object.keys(aliases).length === 0) return (key) => key;
  const lookup = (key: string): string | undefined =>
    Object.hasOwn(aliases, key) ? aliases[key] : undefined;
  const resolved = new Map<string, string>();
  for (const alias of Object.keys(aliases)) {
    const seen = new Set<string>([alias]);
    let key = alias;
    for (let next = lookup(key); next !== undefined; next = lookup(key)) {
      if (typeof next !== 'string')
        throw new SightlineError('invalid_alias_map', `alias ${alias} maps to a non-string`);
      if (next === key) break;
      if (seen.has(next)) throw new SightlineError('invalid_alias_map', `alias cycle through ${next}`);
      seen.add(next);
      key = next;
    }
    resolved.set(alias, key);
  }
  return (key) => resolved.get(key) ?? key;
}
