#!/usr/bin/env -S node --max-old-space-size=128 --max-semi-space-size=4
import { DataFolderBusyError } from '../db/folder-lock.js';
import { type Command, runCommand, UsageError } from './args.js';
import { audit } from './commands/audit.js';
import { init } from './commands/init.js';
import { keys } from './commands/keys.js';
import { peer } from './commands/peer.js';
import { start } from './commands/start.js';
import { sync } from './commands/sync.js';
import { token } from './commands/token.js';

const commands: Command[] = [init, start, token, peer, sync, keys, audit];

const usage = `Usage: sightline <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run \`sightline <command> --help\` for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage}\n`);
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"\n\n${usage}`);
  return runCommand(command, rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known =
      error instanceof UsageError ||
      error instanceof DataFolderBusyError ||
      (error as { code?: string }).code;
    // An operator gets the message; the stack only on request, since it says nothing to them.
    const detail =
      known || !process.env.SIGHTLINE_DEBUG
        ? `${(error as Error).message ?? String(error)}${known ? '' : ' (SIGHTLINE_DEBUG=1 shows where)'}`
        : String((error as Error).stack ?? error);
    process.stderr.write(`sightline: ${detail}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
