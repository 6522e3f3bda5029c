import { eq } from 'drizzle-orm';
import type { NodeContext } from '../context.js';
import { memberKeys, members, peerSync } from '../db/schema.js';

/** Per member: pins, sync progress and health, as operators see them in GET /v1/peers. */
export async function peerStatuses(ctx: NodeContext) {
  const rows = await ctx.db
    .select()
    .from(members)
    .leftJoin(peerSync, eq(peerSync.member, members.id))
    .orderBy(members.id);
  const keys = await ctx.db
    .select({
      kid: memberKeys.kid,
      member: memberKeys.member,
      role: memberKeys.role,
      former: memberKeys.former,
    })
    .from(memberKeys);
  return rows.map(({ members: m, peer_sync: s }) => {
    const pins = {
      record: [] as string[],
      log: [] as string[],
      witness: [] as string[],
      peer: [] as string[],
    };
    const former: string[] = [];
    for (const k of keys) if (k.member === m.id) (k.former ? former : pins[k.role]).push(k.kid);
    const cursor = s?.cursor ?? null;
    const head = s?.peerHead ?? null;
    return {
      id: m.id,
      url: m.url,
      keys: pins,
      formerKeys: { record: former },
      forked: m.forkedAt !== null,
      cursor,
      peerHead: head,
      lag: head === null || cursor === null ? null : Math.max(0, head - 1 - cursor),
      received: s?.received ?? 0,
      rejected: s?.rejected ?? 0,
      lastSuccessAt: isoOrNull(s?.lastSuccessAt),
      lastErrorAt: isoOrNull(s?.lastErrorAt),
      lastError: s?.lastError ?? null,
    };
  });
}

const isoOrNull = (value: string | null | undefined) => (value ? new Date(value).toISOString() : null);
