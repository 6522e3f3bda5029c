import { type Command, UsageError } from '../args.js';
import { nodeApi, nodeOptions, nodeUsage } from '../node-api.js';

const usage = `Usage:
  sightline peer add --url URL [--pin]   show a node's member id and key thumbprints; with --pin, pin them
  sightline peer list                    the registry and each peer's sync health
  sightline peer remove MEMBER           unpin a member (records already taken stay)

Compare the thumbprints \`peer add\` prints with what the member sent you out of band before --pin.

  --url URL              base URL of the peer node
  --pin                  pin the shown thumbprints
${nodeUsage}`;

export const peer: Command = {
  name: 'peer',
  summary: 'add, list or remove federation members (talks to a running node)',
  usage,
  options: { url: { type: 'string' }, pin: { type: 'boolean' }, ...nodeOptions },
  async run(values, [sub, member]) {
    const call = nodeApi(values);
    if (sub === 'add') {
      if (typeof values.url !== 'string') throw new UsageError(`--url is required\n\n${usage}`);
      const identity = await (await call('POST', '/v1/peers/preview', { url: values.url })).json();
      process.stdout.write(`${JSON.stringify(identity, null, 2)}\n`);
      if (!values.pin) {
        process.stderr.write(
          'not pinned: confirm these thumbprints with the member, then run again with --pin\n',
        );
        return 0;
      }
      await call('POST', '/v1/peers', identity);
      process.stderr.write(`pinned ${(identity as { id: string }).id}\n`);
      return 0;
    }
    if (sub === 'list') {
      const { peers } = (await (await call('GET', '/v1/peers')).json()) as { peers: unknown[] };
      process.stdout.write(`${JSON.stringify(peers, null, 2)}\n`);
      return 0;
    }
    if (sub === 'remove') {
      if (!member) throw new UsageError(`which member?\n\n${usage}`);
      await call('DELETE', `/v1/peers/${encodeURIComponent(member)}`);
      process.stderr.write(`removed ${member}\n`);
      return 0;
    }
    throw new UsageError(`unknown subcommand "${sub ?? ''}"\n\n${usage}`);
  },
};
