import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { NODE_HEAP_FLAGS } from '../../api/cli/heap-flags.js';
import { ensureBuilt } from './support/build.js';
import { runCli } from './support/cli.js';

// Real processes on a busy machine: PGlite's first start alone can take a minute there.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

// Every command explains itself; a wrong command line exits 2 with usage and touches nothing.
let commands: string[];
beforeAll(async () => {
  await ensureBuilt();
  const { code, stdout } = await runCli(['--help']);
  expect(code).toBe(0);
  commands = [...(stdout.split('Commands:')[1] ?? '').matchAll(/^ {2}([a-z-]+)\s/gm)].map(
    (m) => m[1] as string,
  );
});

describe('sightline --help', () => {
  it('lists the commands, at least init, start and token', () => {
    expect(commands).toEqual(expect.arrayContaining(['init', 'start', 'token']));
  });

  it('exits 0 with usage for --help on every command', async () => {
    for (const command of commands) {
      const { code, stdout } = await runCli([command, '--help']);
      expect(code, command).toBe(0);
      expect(stdout, command).toMatch(new RegExp(`Usage:\\s+sightline ${command}\\b`));
    }
  });

  it('takes -h too', async () => {
    const { code, stdout } = await runCli(['token', '-h']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: sightline token');
  });
});

describe('a wrong command line exits 2 with usage', () => {
  it.each([
    ['no command', [], /Usage: sightline <command>/],
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"[\s\S]*Usage: sightline <command>/],
    ['an unknown option', ['init', '--colour', 'red'], /colour[\s\S]*Usage: sightline init/],
    ['an option without its value', ['token', 'create', '--role'], /role[\s\S]*Usage: sightline token/],
    [
      'an unknown subcommand',
      ['token', 'revoke', '--role', 'reader'],
      /unknown subcommand[\s\S]*Usage: sightline token/,
    ],
    [
      'a role that does not exist',
      ['token', 'create', '--role', 'root'],
      /--role must be one of[\s\S]*Usage/,
    ],
    ['a port out of range', ['start', '--port', '70000'], /--port[\s\S]*Usage: sightline start/],
    [
      'a member id that is not one',
      ['init', '--member', 'UK', '--data', '/nonexistent/never'],
      /member id "UK"/,
    ],
  ])('%s', async (_, args, message) => {
    const { code, stdout, stderr } = await runCli(args as string[]);
    expect(code).toBe(2);
    expect(`${stdout}${stderr}`).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a command that talks to a node', () => {
  it('says no node answers, without a stack trace, when none runs at --node', async () => {
    const { code, stderr } = await runCli([
      'peer',
      'list',
      '--node',
      'http://127.0.0.1:65533',
      '--token',
      'x',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no node answers at http:\/\/127\.0\.0\.1:65533 \(ECONNREFUSED\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('heap bounds', () => {
  it('the CLI shebang and npm start run node with the same NODE_HEAP_FLAGS', () => {
    const root = new URL('../../', import.meta.url);
    const shebang = readFileSync(new URL('api/cli/main.ts', root), 'utf8').split('\n')[0];
    const start = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).scripts.start as string;
    expect(shebang).toBe(`#!/usr/bin/env -S node ${NODE_HEAP_FLAGS.join(' ')}`);
    expect(start).toContain(`node ${NODE_HEAP_FLAGS.join(' ')} dist/api/cli/main.js start`);
  });
});
