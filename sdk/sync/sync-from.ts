import { checkFeedPage } from '../client/check-feed-page.js';
import type { FeedPage } from '../client/peer-client.js';
import type { PinnedKeySet } from '../keys/pinned.js';
import type { PublicKeyResolver, RecordFailure, VerifiedRecord } from '../record/types.js';
import { verifyRecord } from '../record/verify.js';

/** A record of the feed that failed verification: never handed over as a record, reported with its seq. */
export type FeedFailure = RecordFailure & { seq: number };

/** What comes with each batch: the cursor to store with it, and what failed verification in the same page. */
export interface BatchInfo {
  /** The peer's sequence number up to which this batch covers the feed: store it with the records. */
  cursor: number;
  /** Records of this page that failed verification (the cursor moves past them). */
  failures: FeedFailure[];
  /** The peer's log size when the page was served. */
  head: number;
}

export interface SyncOptions {
  /** The cursor stored after the last committed batch; -1 (the default) from the start. */
  after?: number;
  /** Pinned record keys: a PinnedKeySet (e.g. `loadFederation(...).records`) or a resolver. */
  keys: PinnedKeySet | PublicKeyResolver;
  /** Stores a batch. The cursor counts as persisted only once this resolves; a throw stops the sync. */
  onBatch(records: VerifiedRecord[], info: BatchInfo): void | Promise<void>;
  /** Called after onBatch resolved, with the cursor that is now safe to resume from. */
  onCursor?(cursor: number): void | Promise<void>;
  /** Records per page (1-1000, default 1000). */
  limit?: number;
  /** Stops between pages. */
  signal?: AbortSignal;
}

export interface SyncResult {
  /** The cursor to resume from next time. */
  cursor: number;
  /** Records verified and handed over. */
  records: number;
  /** Records that failed verification. */
  failures: number;
  /** Pages read. */
  pages: number;
}

/**
 * Pulls a peer's feed from `after`, verifies every record against pinned keys before handing it over, and
 * calls `onBatch(verifiedRecords, { cursor, failures })` once per page. The cursor advances only after
 * onBatch resolves, so storing records and cursor together (ideally in one transaction) mirrors the feed
 * with no loss and no duplicates: after a crash, resume from the last cursor stored. Failed verifications
 * are reported in `failures`, not handed over, and the cursor still moves past them. Returns the final
 * cursor. Throws SightlineError `invalid_feed` when the peer's cursor goes backwards or records are out of
 * order, and the peer client's SightlineApiError on transport failures.
 *
 * @example
 * const mirror = new Map<string, VerifiedRecord>();
 * const { cursor } = await syncFrom(peer, {
 *   after: savedCursor,
 *   keys: federation.records,
 *   onBatch: (records, { cursor }) => {
 *     for (const record of records) mirror.set(record.id, record);
 *     savedCursor = cursor;
 *   },
 * });
 */
export async function syncFrom(
  peer: { feed(query: { after: number; limit?: number }): Promise<FeedPage> },
  options: SyncOptions,
): Promise<SyncResult> {
  const resolve = typeof options.keys === 'function' ? options.keys : options.keys.resolve;
  const result: SyncResult = { cursor: options.after ?? -1, records: 0, failures: 0, pages: 0 };
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await peer.feed({ after: result.cursor, limit: options.limit });
    checkFeedPage(page, result.cursor);
    const records: VerifiedRecord[] = [];
    const failures: FeedFailure[] = [];
    for (const { seq, jws } of page.records) {
      const verification = verifyRecord(jws, resolve);
      if (verification.ok) records.push(verification);
      else failures.push({ ...verification, seq });
    }
    if (records.length > 0 || failures.length > 0 || page.next !== result.cursor) {
      await options.onBatch(records, { cursor: page.next, failures, head: page.head });
    }
    result.cursor = page.next;
    result.records += records.length;
    result.failures += failures.length;
    result.pages += 1;
    await options.onCursor?.(page.next);
    if (!page.more) return result;
  }
}
