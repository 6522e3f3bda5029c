import { createApiToken } from '../../auth/api-tokens.js';
import { type ApiTokenRole, apiTokenRoles } from '../../db/schema.js';
import { type Command, UsageError } from '../args.js';
import { storageOptions, storageUsage } from '../defaults.js';
import { openNodeForCommand } from '../storage.js';

export const token: Command = {
  name: 'token',
  summary: 'create an API token for the member’s own people',
  usage: `Usage: sightline token create --role reader|analyst|admin [--label TEXT] [--data DIR | --database-url URL]

Prints the new token on the last line. Only its hash is stored: keep it, it cannot be shown again.
With the embedded database, stop the node first (one process at a time may open the data folder).

  --role, -r ROLE        reader (read), analyst (also record, supersede, retract), admin (also peers, keys)
  --label TEXT           who or what the token is for
${storageUsage}`,
  options: { role: { type: 'string', short: 'r' }, label: { type: 'string' }, ...storageOptions },
  async run(values, positionals) {
    if (positionals[0] !== 'create')
      throw new UsageError(`unknown subcommand "${positionals[0] ?? ''}"\n\n${this.usage}`);
    const role = values.role;
    if (typeof role !== 'string' || !apiTokenRoles.includes(role as ApiTokenRole)) {
      throw new UsageError(`--role must be one of ${apiTokenRoles.join(', ')}\n\n${this.usage}`);
    }
    const node = await openNodeForCommand(values);
    try {
      const label = typeof values.label === 'string' ? values.label : undefined;
      const created = await createApiToken(node.db, role as ApiTokenRole, label);
      process.stderr.write(`created ${role} token ${created.id} for member ${node.member}\n`);
      process.stdout.write(`${created.secret}\n`);
    } finally {
      await node.close();
    }
    return 0;
  },
};
