import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { createPeerClient, type FeedPage } from '../../../sdk/client/peer-client.js';
import type { VerifiedRecord } from '../../../sdk/record/index.js';
import { verifyFeedInclusion } from '../../../sdk/sync/feed-inclusion.js';
import type { NodeContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { memberKeys, members, peerSync } from '../../db/schema.js';
import { type Rejected, storeVerifiedBatch } from '../../ingest/ingest.js';
import type { IngestOutcome } from '../../ingest/outcome.js';
import { type FindKeys, verifyBatch } from '../../ingest/verify-batch.js';
import { currentKey } from '../../node/keys.js';
import { MAX_ANNOUNCEMENTS_PER_MEMBER } from '../announcement-cap.js';
import { refreshedKeysFrom, refreshFrom } from '../member-keys.js';
import { CheckpointKeyError, witnessPeer } from '../witness.js';
import { admitLoggedBeforeRevocation } from './logged-before-revocation.js';
import { syncErrorMessage } from './sync-error-message.js';

/** Records per feed page: two pages are in flight (one stored, the next verified); 500 kept the peak RSS
 * of a 100k-record pull under 250 MiB at the same throughput as 1,000. */
const FEED_PAGE_LIMIT = 500;

const jwsOf = (page: FeedPage) => page.records.map((r) => r.jws);

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
    key: await currentKey(ctx, 'peer'),
  });
  await ctx.db.insert(peerSync).values({ member }).onConflictDoNothing();
  const [state] = await ctx.db
    .select({ cursor: peerSync.cursor })
    .from(peerSync)
    .where(eq(peerSync.member, member));
  const pages: PageProgress[] = [];
  const cursor = state?.cursor ?? -1;
  // A record signed with a key we lack is refused, and the cursor moves past it, only once the peer was
  // asked for its keys; if it could not be asked, the page is left for the next sync.
  const findKeys: FindKeys = async (kids) => {
    // A kid whose key is held (revoked, most likely) needs no fetch: nothing new can come of it.
    const held = await ctx.db
      .select({ kid: memberKeys.kid })
      .from(memberKeys)
      .where(and(inArray(memberKeys.kid, [...kids]), isNotNull(memberKeys.jwk)));
    if (held.length === kids.length) return false;
    const { changed, reached } = await refreshFrom(ctx, peer.url as string);
    if (!reached)
      throw new Error(`${member}'s keys could not be fetched; its page is left for the next sync`);
    return changed > 0;
  };
  try {
    // Records are only taken under a checkpoint that verified and is consistent with all seen before, and
    // each page must prove its records are in it: a peer cannot serve records its log does not hold.
    const checkpoint = await witnessPeer(ctx, member, client).catch(async (error: Error) => {
      // Pins may lack key material until the peer is first reached: fetch its keys once, then try again.
      if (!(error instanceof CheckpointKeyError) || !(await refreshedKeysFrom(ctx, peer.url as string))) {
        throw error;
      }
      return witnessPeer(ctx, member, client);
    });
    // Key events are leaves too: take up the peer's rotations and revocations before its records rather than
    // at the first record signed with an unknown key (a revocation brings none). Without them a key revoked
    // since might still verify, so records wait for a pass that could read them: every pass with records
    // to take reads them, since the checkpoint of a failed pass is already witnessed.
    const upToDate = cursor >= checkpoint.size - 1;
    let overCap = new Set<string>();
    if (!upToDate || checkpoint.verdict !== 'unchanged') {
      const refreshed = await refreshFrom(ctx, peer.url);
      if (!refreshed.announcementsRead && !upToDate) {
        throw new Error(
          `${member}'s key announcements could not be read; its records wait for the next sync`,
        );
      }
      overCap = new Set(refreshed.overCap);
    }
    if (upToDate) {
      await advanceCursor(ctx.db, member, { next: cursor, head: checkpoint.size }, []);
      return pages;
    }
    const feed = client.feedPages({ after: cursor, limit: FEED_PAGE_LIMIT, size: checkpoint.size });
    const fetchAndVerify = async () => {
      const fetched = await feed.next();
      if (fetched.done) return undefined;
      const page = fetched.value;
      const inclusion = verifyFeedInclusion(page, checkpoint);
      if (!inclusion.ok) {
        throw new Error(
          `${member} served records its checkpoint does not include (${inclusion.code}): ${inclusion.message}`,
        );
      }
      const senderProofs = inclusion.proofs.map(({ leaf, hashes }) => ({
        treeSize: checkpoint.size,
        leaf: Buffer.from(leaf).toString('utf8'),
        hashes,
      }));
      const jwsList = jwsOf(page);
      const verifications = await admitLoggedBeforeRevocation(
        ctx,
        member,
        jwsList,
        senderProofs.map((proof) => proof.leaf),
        await verifyBatch(ctx, jwsList, findKeys),
      );
      return { page, senderProofs, verifications };
    };
    let upcoming = fetchAndVerify();
    for (let current = await upcoming; current; current = await upcoming) {
      const { page, senderProofs, verifications } = current;
      // Fetch and verify the next page while this one is stored: otherwise the verify workers and the
      // database take turns, each idle while the other works. A node shutting down stores this page (its
      // cursor with it) and fetches no more: the next pass resumes from there.
      upcoming = page.more && !ctx.stopping?.aborted ? fetchAndVerify() : Promise.resolve(undefined);
      upcoming.catch(() => {}); // awaited on the next turn; this only keeps an early failure from counting as unhandled
      const source = {
        from: member,
        senderSeqs: page.records.map((r) => r.seq),
        senderProofs,
        alongside: (tx: Tx, results: readonly IngestOutcome[]) => advanceCursor(tx, member, page, results),
        refuse: (record: VerifiedRecord) => keyEventsUnread(record, overCap),
      };
      const outcomes = page.records.length
        ? await storeVerifiedBatch(ctx, verifications, source)
        : await ctx.db.transaction(async (tx) => advanceCursor(tx, member, page, []).then(() => []));
      const progress = {
        member,
        after: pages.at(-1)?.next ?? cursor,
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
        lastError: syncErrorMessage(error),
        lastErrorAt: new Date().toISOString(),
        consecutiveFailures: sql`${peerSync.consecutiveFailures} + 1`,
      })
      .where(eq(peerSync.member, member));
    throw error;
  }
  return pages;
}

/**
 * A member past the announcement cap had none of its key events taken up, its revocations among them: a
 * record of its might be signed with a key it revoked, so it is refused, and no one else's is held back. Only
 * that member's own keys can put it there (a node relays one announcement per key event).
 */
function keyEventsUnread(record: VerifiedRecord, overCap: ReadonlySet<string>): Rejected | undefined {
  if (!overCap.has(record.author)) return undefined;
  return {
    status: 'rejected',
    id: record.id,
    code: 'key_announcements_over_cap',
    reason: `${record.author} made more than ${MAX_ANNOUNCEMENTS_PER_MEMBER} key announcements; none were taken up`,
  };
}

async function advanceCursor(
  tx: Pick<Tx, 'update'>,
  member: string,
  page: Pick<FeedPage, 'next' | 'head'>,
  results: readonly IngestOutcome[],
) {
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

function count(outcomes: readonly IngestOutcome[]) {
  const n = { accepted: 0, duplicate: 0, rejected: 0 };
  for (const o of outcomes) n[o.status]++;
  return n;
}
