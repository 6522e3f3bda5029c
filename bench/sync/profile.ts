import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../scripts/demo/node-process.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ignored = new Set(['(idle)', '(root)']);

const isProjectCode = (url: string) =>
  url.startsWith('file://') && relative(projectRoot, new URL(url).pathname).startsWith('dist/');

/** `CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile`: thread 0 is the main thread. */
const threadOf = (file: string) =>
  file.split('.')[4] === '0' ? 'main thread' : `worker ${file.split('.')[4]}`;

function frameName({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  if (!url) return functionName || '(native)';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const shown = relative(projectRoot, path).replace(/^node_modules\//, '~/');
  return `${functionName || '(anonymous)'}  ${shown.startsWith('..') ? path : shown}:${lineNumber + 1}`;
}

/** Milliseconds by frame: self time of every frame, and inclusive time of the project's own frames (dist/). */
function tally(profile: CpuProfile, self: Map<string, number>, own: Map<string, number>): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  let total = 0;
  profile.samples.forEach((id, i) => {
    const leaf = byId.get(id);
    if (!leaf || ignored.has(leaf.callFrame.functionName)) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const name = frameName(leaf.callFrame);
    self.set(name, (self.get(name) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || !isProjectCode(frame.url)) continue;
      const ownName = frameName(frame);
      if (seen.has(ownName)) continue;
      seen.add(ownName);
      own.set(ownName, (own.get(ownName) ?? 0) + ms);
    }
  });
  return total;
}

/**
 * Where one process's CPU time went, from every .cpuprofile `node --cpu-prof --cpu-prof-dir DIR` wrote for it
 * (main thread and workers): the top frames by self time, then the project's own functions by inclusive time.
 */
export function profileSummary(dir: string, limit = 12): string[] {
  const self = new Map<string, number>();
  const own = new Map<string, number>();
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  let total = 0;
  const threads: string[] = [];
  for (const file of files) {
    const ms = tally(JSON.parse(readFileSync(join(dir, file), 'utf8')), self, own);
    threads.push(`${threadOf(file)} ${(ms / 1000).toFixed(1)} s`);
    total += ms;
  }
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => `  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`);
  return [
    `${(total / 1000).toFixed(1)} s of CPU samples: ${threads.join(', ')}`,
    'self time:',
    ...top(self),
    'inclusive time of project functions (dist/):',
    ...top(own),
  ];
}
