import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lockOwner } from '../../api/db/folder-lock.js';
import { initNode, type NodeIdentity, projectRoot, type RunningNode, startNode } from './node-process.js';

export const demoRoot = join(projectRoot, '.sightline', 'demo');
export const shownPath = (path: string) => relative(process.cwd(), path) || '.';
export const memberFolder = (member: string) => join(demoRoot, member);

/** Whether an earlier run left data to reuse; `fresh` removes it first. */
export function prepareDemoFolder(fresh: boolean): 'new' | 'reused' {
  if (fresh) {
    // Deleting a folder under a running node would corrupt it: another demo must be stopped first.
    const running = existsSync(demoRoot)
      ? readdirSync(demoRoot).filter((member) => lockOwner(join(demoRoot, member)) !== undefined)
      : [];
    if (running.length > 0) {
      throw new Error(
        `the demo's ${running.join(', ')} ${running.length > 1 ? 'nodes are' : 'node is'} still running (data folder in use)`,
      );
    }
    rmSync(demoRoot, { recursive: true, force: true });
  }
  const reused = existsSync(demoRoot);
  mkdirSync(demoRoot, { recursive: true, mode: 0o700 });
  return reused ? 'reused' : 'new';
}

/** Creates (or reopens) each member's node and returns the identities `sightline init` prints. */
export function initMembers(members: readonly string[]): Promise<NodeIdentity[]> {
  return Promise.all(members.map((member) => initNode({ member, dataDir: memberFolder(member) })));
}

/** The federation file every node starts with: each member, where it listens, the keys it pinned. */
export function writeFederationFile(identities: readonly NodeIdentity[], ports: readonly number[]): string {
  const file = join(demoRoot, 'federation.json');
  const members = identities.map((identity, i) => ({
    id: identity.id,
    url: `http://127.0.0.1:${ports[i]}`,
    keys: identity.keys,
  }));
  writeFileSync(file, `${JSON.stringify({ members }, null, 2)}\n`);
  return file;
}

/**
 * Starts every member as a child process of its own group (Ctrl-C reaches the demo, which stops them). Waits
 * for every start to settle, so a node that did start is always handed to `onStarted` and can be stopped.
 */
export async function startMembers(
  members: readonly string[],
  ports: readonly number[],
  federationFile: string,
  syncIntervalSec: number,
  onStarted: (node: RunningNode) => void,
): Promise<void> {
  const starts = await Promise.allSettled(
    members.map(async (member, i) => {
      const node = await startNode({
        member,
        dataDir: memberFolder(member),
        port: ports[i] as number,
        federationFile,
        syncIntervalSec,
        logFile: join(memberFolder(member), 'node.log'),
        detached: true,
      });
      onStarted(node);
    }),
  );
  const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}
