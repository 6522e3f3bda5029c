import type { NodeContext } from '../context.js';
import { refreshKeysFrom } from './member-keys.js';

/** How long a member's keys, once refreshed because of an unknown kid, are not fetched again that way. */
export const ON_DEMAND_REFRESH_INTERVAL_MS = 30_000;

const lastRefresh = new WeakMap<NodeContext, Map<string, { at: number; running: Promise<unknown> }>>();

/**
 * Fetches a member's keys because a token named a kid this node does not hold; at most once per interval
 * per member, concurrent callers sharing the fetch in flight. Anyone can send such a token before it is
 * verified, and each refresh makes two requests to the member, so without the limit a stranger could
 * drive this node to flood its peers.
 */
export async function refreshKeysOnDemand(ctx: NodeContext, member: string, url: string): Promise<void> {
  let byMember = lastRefresh.get(ctx);
  if (!byMember) {
    byMember = new Map();
    lastRefresh.set(ctx, byMember);
  }
  const last = byMember.get(member);
  if (last && Date.now() - last.at < ON_DEMAND_REFRESH_INTERVAL_MS) {
    await last.running;
    return;
  }
  const running = refreshKeysFrom(ctx, url).catch(() => 0);
  byMember.set(member, { at: Date.now(), running });
  await running;
}
