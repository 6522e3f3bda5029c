import { type ParseArgsConfig, parseArgs } from 'node:util';

export class UsageError extends Error {
  readonly code = 'usage';
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(
    values: Record<string, string | boolean | undefined>,
    positionals: string[],
  ): Promise<number | undefined>;
}

/** Parses a command's arguments strictly; `--help` prints its usage instead of running it. */
export async function runCommand(command: Command, argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${command.usage}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  return (
    (await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals)) ??
    0
  );
}

/** Option value, else environment variable, else default. */
export function setting(
  value: string | boolean | undefined,
  env: string | undefined,
  fallback?: string,
): string | undefined {
  if (typeof value === 'string') return value;
  return process.env[env ?? ''] ?? fallback;
}
