import { type NodeApi, runSync } from './http.js';

export interface SyncRound {
  accepted: number;
  errors: string[];
}

/**
 * Has every node pull all its peers at once, round after round, until a round brings nothing new and no
 * peer failed (relayed GREEN copies arrive as duplicates and do not count). Gives up after `maxRounds`.
 */
export async function syncUntilSettled(
  nodes: ReadonlyMap<string, NodeApi>,
  onRound: (round: number, result: SyncRound) => void,
  maxRounds = 6,
): Promise<boolean> {
  for (let round = 1; round <= maxRounds; round++) {
    const results = await Promise.all(
      [...nodes].map(async ([member, node]) => {
        const lines = await runSync(node);
        return lines.map((line) => ({ member, line }));
      }),
    );
    const result: SyncRound = { accepted: 0, errors: [] };
    for (const { member, line } of results.flat()) {
      if (line.type === 'page') result.accepted += line.accepted;
      if (line.type === 'error') result.errors.push(`${member} from ${line.member}: ${line.error}`);
    }
    onRound(round, result);
    if (result.accepted === 0 && result.errors.length === 0) return true;
    if (result.errors.length) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return false;
}
