import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identityOf, pin } from './node-api.js';
import { type LaunchOptions, NodeProcess } from './node-process.js';

/** Node processes of one test file, in their own temporary folder. */
export class ProcessFleet {
  readonly root = mkdtempSync(join(tmpdir(), 'sightline-fed-'));
  readonly nodes: NodeProcess[] = [];

  /** Launches nodes concurrently; each is tracked before it starts, so dispose() stops it whatever happens. */
  async launch(options: Omit<LaunchOptions, 'root'>[]): Promise<NodeProcess[]> {
    const prepared: NodeProcess[] = [];
    for (const o of options) {
      const node = await NodeProcess.prepare({ ...o, root: this.root });
      this.nodes.push(node);
      prepared.push(node);
    }
    await Promise.all(prepared.map((node) => node.start()));
    return prepared;
  }

  async dispose(): Promise<void> {
    await Promise.allSettled(this.nodes.map((node) => node.dispose()));
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Every node pins every other with its URL (what `sightline peer add --url ... --pin` does for each pair). */
export async function pinFullMesh(nodes: readonly NodeProcess[]): Promise<void> {
  const identities = await Promise.all(nodes.map((node) => identityOf(node)));
  await Promise.all(
    nodes.flatMap((node) =>
      nodes.map((other, i) =>
        other === node
          ? undefined
          : pin(node, { ...(identities[i] as Awaited<ReturnType<typeof identityOf>>), url: other.url }),
      ),
    ),
  );
}
