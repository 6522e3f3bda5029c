import { compareStrings } from './compare.js';
import { compareByRecency } from './current-record.js';

export interface Chains {
  /** The version of each chain that counts (any order). */
  current: string[];
  superseded: { id: string; latest: string }[];
  forks: { root: string; heads: string[]; chosen: string }[];
}

function rootFinder(parentOf: ReadonlyMap<string, string>) {
  const rootOf = new Map<string, string>();
  return (start: string): string => {
    if (!parentOf.has(start)) return start;
    const path: string[] = [];
    const onPath = new Set<string>();
    let node = start;
    for (;;) {
      const known = rootOf.get(node);
      if (known !== undefined) {
        node = known;
        break;
      }
      const parent = parentOf.get(node);
      // Ids are payload hashes, so a cycle cannot be built; stop at one anyway rather than loop.
      if (parent === undefined || onPath.has(parent)) break;
      path.push(node);
      onPath.add(node);
      node = parent;
    }
    for (const visited of path) rootOf.set(visited, node);
    return node;
  };
}

/** Every ancestor of a valid version is superseded, even across a retracted version in between. */
function supersededIds(valid: readonly string[], parentOf: ReadonlyMap<string, string>): Set<string> {
  const superseded = new Set<string>();
  for (const id of valid) {
    let parent = parentOf.get(id);
    while (parent !== undefined && !superseded.has(parent)) {
      superseded.add(parent);
      parent = parentOf.get(parent);
    }
  }
  return superseded;
}

/**
 * Latest version of each supersede chain among the valid (verified, non-retracted) versions, given in any
 * order: the one no valid version descends from. Two or more such heads in one chain are a fork: the newest
 * createdAt wins, ties go to the larger id.
 */
export function resolveChains(
  valid: readonly string[],
  parentOf: ReadonlyMap<string, string>,
  createdAtOf: (id: string) => string,
): Chains {
  const findRoot = rootFinder(parentOf);
  const superseded = supersededIds(valid, parentOf);
  const current: string[] = [];
  const replaced: string[] = [];
  const chosenByRoot = new Map<string, string>();
  const headsByRoot = new Map<string, string[]>();
  const newer = (a: string, b: string) =>
    compareByRecency({ id: a, createdAt: createdAtOf(a) }, { id: b, createdAt: createdAtOf(b) }) > 0;
  for (const id of valid) {
    if (superseded.has(id)) {
      replaced.push(id);
      continue;
    }
    const root = findRoot(id);
    const chosen = chosenByRoot.get(root);
    if (chosen === undefined) {
      chosenByRoot.set(root, id);
      continue;
    }
    headsByRoot.set(root, [...(headsByRoot.get(root) ?? [chosen]), id]);
    if (newer(id, chosen)) chosenByRoot.set(root, id);
  }
  current.push(...chosenByRoot.values());
  const forks: Chains['forks'] = [...headsByRoot.entries()]
    .map(([root, heads]) => ({
      root,
      heads: heads.sort(compareStrings),
      chosen: chosenByRoot.get(root) as string,
    }))
    .sort((a, b) => compareStrings(a.root, b.root));
  const supersededList = replaced
    .map((id) => ({ id, latest: chosenByRoot.get(findRoot(id)) as string }))
    .sort((a, b) => compareStrings(a.id, b.id));
  return { current, superseded: supersededList, forks };
}
