import { type Command, UsageError } from '../args.js';
import { nodeApi, nodeOptions, nodeUsage } from '../node-api.js';

const usage = `Usage:
  sightline keys rotate --role record|log|witness|peer
  sightline keys revoke --kid KID --since TIME

rotate: a new key for the role; peers accept it because the old key signs its announcement.
revoke: the key (rotate away from it first) is compromised from TIME (RFC 3339, e.g. 2026-11-28T00:00:00Z);
records signed with it that are first logged later are rejected by every node.

${nodeUsage}`;

export const keys: Command = {
  name: 'keys',
  summary: 'rotate or revoke the node’s keys (talks to a running node)',
  usage,
  options: { role: { type: 'string' }, kid: { type: 'string' }, since: { type: 'string' }, ...nodeOptions },
  async run(values, [sub]) {
    const call = nodeApi(values);
    if (sub === 'rotate') {
      if (typeof values.role !== 'string') throw new UsageError(`--role is required\n\n${usage}`);
      const result = (await (await call('POST', '/v1/keys/rotate', { role: values.role })).json()) as Record<
        string,
        string
      >;
      process.stdout.write(`rotated ${result.role} key: ${result.oldKid} -> ${result.newKid}\n`);
      return 0;
    }
    if (sub === 'revoke') {
      if (typeof values.kid !== 'string' || typeof values.since !== 'string')
        throw new UsageError(`--kid and --since are required\n\n${usage}`);
      const result = (await (
        await call('POST', '/v1/keys/revoke', { kid: values.kid, since: values.since })
      ).json()) as Record<string, string>;
      process.stdout.write(`revoked ${result.role} key ${result.kid} since ${result.since}\n`);
      return 0;
    }
    throw new UsageError(`unknown subcommand "${sub ?? ''}"\n\n${usage}`);
  },
};
