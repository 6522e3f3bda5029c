import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { createPeerClient, type FeedPage, type PeerClient } from '../../../sdk/client/peer-client.js';
import { decodeRecordJws } from '../../../sdk/record/index.js';
import type { NodeContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { memberKeys, members, nodeKeys, peerSync } from '../../db/schema.js';
import { ingestRecords } from '../../ingest/ingest.js';
import type { IngestOutcome } from '../../ingest/outcome.js';
import { refreshKeysFrom } from '../member-keys.js';
import { PeerForkedError, witnessPeer } from '../witness.js';

export interface PageProgress {
  member: string;
  after: number;
  next: number;
  head: number;
  accepted: number;
  duplicate: number;
  rejected: number;
}

/**
 * Pulls everything new from one peer: page by page, each page ingested in one transaction together with
 * the new cursor, so a crash never loses or repeats a record.
 */
export async function pullPeer(
  ctx: NodeContext,
  member: string,
  onPage?: (progress: PageProgress) => void,
): Promise<PageProgress[]> {
  const [peer] = await ctx.db.select().from(members).where(eq(members.id, member));
  if (!peer?.url) throw new Error(`${member} is not a peer with a URL`);
  if (peer.forkedAt) throw new Error(`${member}'s log is proven forked; its records are no longer accepted`);
  const client = createPeerClient({
    baseUrl: peer.url,
    issuer: ctx.member,
    audience: member,
    key: ctx.keys.peer,
  });
  await ctx.db.insert(peerSync).values({ member }).onConflictDoNothing();
  const [state] = await ctx.db
    .select({ cursor: peerSync.cursor })
    .from(peerSync)
    .where(eq(peerSync.member, member));
  const pages: PageProgress[] = [];
  try {
    await witness(ctx, member, client);
    for await (const page of client.feedPages({ after: state?.cursor ?? -1 })) {
      await ensureAuthorKeys(ctx, peer.url, page);
      const outcomes = await ingestRecords(
        ctx,
        page.records.map((r) => r.jws),
        {
          from: member,
          senderSeqs: page.records.map((r) => r.seq),
          alongside: (tx, results) => advanceCursor(tx, member, page, results),
        },
      );
      const progress = {
        member,
        after: pages.at(-1)?.next ?? state?.cursor ?? -1,
        next: page.next,
        head: page.head,
        ...count(outcomes),
      };
      pages.push(progress);
      onPage?.(progress);
    }
  } catch (error) {
    await ctx.db
      .update(peerSync)
      .set({
        lastError: (error as Error).message.slice(0, 500),
        lastErrorAt: new Date().toISOString(),
        consecutiveFailures: sql`${peerSync.consecutiveFailures} + 1`,
      })
      .where(eq(peerSync.member, member));
    throw error;
  }
  return pages;
}

/** A fork stops the pull; a peer that cannot be witnessed right now is still pulled (records carry their own signatures). */
async function witness(ctx: NodeContext, member: string, client: PeerClient): Promise<void> {
  try {
    await witnessPeer(ctx, member, client);
  } catch (error) {
    if (error instanceof PeerForkedError) throw error;
    ctx.logger.warn(
      { peer: member, error: (error as Error).message },
      'could not witness the peer’s checkpoint',
    );
  }
}

async function advanceCursor(tx: Tx, member: string, page: FeedPage, results: readonly IngestOutcome[]) {
  const { accepted, rejected } = count(results);
  await tx
    .update(peerSync)
    .set({
      cursor: sql`greatest(${peerSync.cursor}, ${page.next})`,
      peerHead: page.head,
      received: sql`${peerSync.received} + ${accepted}`,
      rejected: sql`${peerSync.rejected} + ${rejected}`,
      lastSuccessAt: new Date().toISOString(),
      lastError: null,
      consecutiveFailures: 0,
    })
    .where(eq(peerSync.member, member));
}

/**
 * Records may be signed by keys we have pinned but never seen, or by a key an author rotated to: fetch
 * the peer's keys and key announcements once before ingesting such a page.
 */
async function ensureAuthorKeys(ctx: NodeContext, peerUrl: string, page: FeedPage): Promise<void> {
  const kids = [
    ...new Set(page.records.map((r) => decodeRecordJws(r.jws)?.kid).filter((k): k is string => !!k)),
  ];
  if (kids.length === 0) return;
  const theirs = await ctx.db
    .select({ kid: memberKeys.kid })
    .from(memberKeys)
    .where(and(inArray(memberKeys.kid, kids), isNotNull(memberKeys.jwk)));
  const ours = await ctx.db.select({ kid: nodeKeys.kid }).from(nodeKeys).where(inArray(nodeKeys.kid, kids));
  const known = new Set([...theirs, ...ours].map((k) => k.kid));
  if (kids.some((kid) => !known.has(kid))) await refreshKeysFrom(ctx, peerUrl).catch(() => 0);
}

function count(outcomes: readonly IngestOutcome[]) {
  const n = { accepted: 0, duplicate: 0, rejected: 0 };
  for (const o of outcomes) n[o.status]++;
  return n;
}
