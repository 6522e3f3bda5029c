import { currentKeyThumbprints, formerRecordKeyThumbprints } from '../../node/identity-document.js';
import type { Command } from '../args.js';
import { storageOptions, storageUsage } from '../defaults.js';
import { openNodeForCommand } from '../storage.js';

export const init: Command = {
  name: 'init',
  summary: 'create the data folder, keys and database; print the node identity',
  usage: `Usage: sightline init --member ID [--data DIR] [--database-url URL]

Creates what is missing (data folder, one Ed25519 key per role, database) and prints the node's
identity as JSON: { "id", "keys": { "record", "log", "witness", "peer" } } with RFC 7638 thumbprints,
and after a rotation "formerKeys": { "record" }, the record keys rotated away and not revoked. Send it to
the other members out of band; they pin these thumbprints.

  --member, -m ID        member id: ISO 3166-1 alpha-2 code or EU (env SIGHTLINE_MEMBER)
${storageUsage}`,
  options: { member: { type: 'string', short: 'm' }, ...storageOptions },
  async run(values) {
    const node = await openNodeForCommand(values);
    try {
      const former = await formerRecordKeyThumbprints(node.db);
      const identity = {
        id: node.member,
        keys: await currentKeyThumbprints(node.db),
        // Record keys rotated away: members that pin them too verify this node's earlier records.
        ...(former.record.length > 0 ? { formerKeys: former } : {}),
      };
      process.stdout.write(`${JSON.stringify(identity, null, 2)}\n`);
    } finally {
      await node.close();
    }
    return 0;
  },
};
