import { resolve } from 'node:path';
import { isMemberId } from '../../schemas/common.js';
import { openDatabase } from '../db/open.js';
import { storedIdentity } from '../node/identity.js';
import { type OpenNodeOptions, openNode } from '../node/open-node.js';
import { setting, UsageError } from './args.js';
import { defaults, env } from './defaults.js';

type Values = Record<string, string | boolean | undefined>;

export function storageSettings(values: Values) {
  return {
    dataDir: resolve(setting(values.data, env.dataDir, defaults.dataDir) as string),
    databaseUrl: setting(values['database-url'], env.databaseUrl),
  };
}

export function memberSetting(values: Values, required: boolean): string | undefined {
  const member = setting(values.member, env.member, required ? defaults.member : undefined);
  if (member !== undefined && !isMemberId(member)) {
    throw new UsageError(`member id "${member}" is not an ISO 3166-1 alpha-2 code or EU`);
  }
  return member;
}

/** Opens the node for a command: the member is taken from the options, or from what init stored. */
export async function openNodeForCommand(values: Values, extra: Partial<OpenNodeOptions> = {}) {
  const storage = storageSettings(values);
  let member = memberSetting(values, false);
  if (!member) {
    const database = await openDatabase(storage);
    member = (await storedIdentity(database.db)) ?? defaults.member;
    await database.close();
  }
  return openNode({ ...storage, member, ...extra });
}
