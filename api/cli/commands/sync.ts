import type { Command } from '../args.js';
import { nodeApi, nodeOptions, nodeUsage } from '../node-api.js';

export const sync: Command = {
  name: 'sync',
  summary: 'pull new records from one peer, or all, now (talks to a running node)',
  usage: `Usage: sightline sync [MEMBER] [--node URL] [--token TOKEN]

Runs one pull pass and prints a line per page as it is committed: which entries of the peer's log it
covered (key events among them are not records) and what became of its records. Exits 1 if a peer failed.
Ctrl-C stops watching; the node finishes the pass on its own.

${nodeUsage}`,
  options: { ...nodeOptions },
  async run(values, [member]) {
    const call = nodeApi(values);
    process.once('SIGINT', () => {
      process.stderr.write(
        '\nstopped watching: the node finishes this pass on its own (sightline peer list shows it)\n',
      );
      process.exit(130);
    });
    const response = await call('POST', member ? `/v1/peers/${encodeURIComponent(member)}/sync` : '/v1/sync');
    let failed = false;
    let buffer = '';
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>;
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
        if (line.type === 'page') {
          process.stdout.write(
            `${line.member}: log entries ${Number(line.after) + 1}-${line.next} of ${line.head}: ${line.accepted} accepted, ${line.duplicate} duplicate, ${line.rejected} rejected\n`,
          );
        } else if (line.type === 'done') process.stdout.write(`${line.member}: up to date\n`);
        else {
          failed = true;
          process.stdout.write(`${line.member}: failed: ${line.error}\n`);
        }
      }
    }
    return failed ? 1 : 0;
  },
};
