import type { RunningNode } from './node-process.js';

/**
 * Owns the demo's node processes: on Ctrl-C, SIGTERM, SIGHUP or a failure it stops them all, once, waits for
 * each to exit, and ends the demo. The nodes run in process groups of their own, so they hear of a Ctrl-C only
 * through this, in order; if the demo dies anyway, its exit handler still sends them SIGTERM.
 */
export class Supervisor {
  readonly nodes: RunningNode[] = [];
  #stopping: Promise<void> | undefined;

  constructor(private readonly say: (line: string) => void) {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => void this.stopAll(signal === 'SIGINT' ? 'Ctrl-C' : signal, 0));
    }
    process.on('exit', () => {
      for (const node of this.nodes) {
        try {
          process.kill(node.pid, 'SIGTERM');
        } catch {}
      }
    });
  }

  get stopping(): boolean {
    return this.#stopping !== undefined;
  }

  /** Stops every node, reports how each exited, and exits the demo with `exitCode`. */
  stopAll(reason: string, exitCode: number): Promise<void> {
    this.#stopping ??= (async () => {
      const names = this.nodes.map((n) => n.member).join(', ');
      if (names) this.say(`\n${reason}: stopping ${names} ...`);
      const codes = await Promise.all(this.nodes.map((node) => node.stop()));
      const exits = this.nodes.map((n, i) => `${n.member} exit ${codes[i] ?? 'by signal'}`);
      if (names) this.say(`stopped (${exits.join(', ')})`);
      process.exit(exitCode);
    })();
    return this.#stopping;
  }

  /** Resolves with the first node that exits while the demo is not stopping them. */
  async unexpectedExit(): Promise<RunningNode | undefined> {
    const [first] = await Promise.race(this.nodes.map(async (n) => [n, await n.exited] as const));
    return this.stopping ? undefined : first;
  }
}
