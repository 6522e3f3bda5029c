import { SightlineError } from '../errors.js';
import type { FeedPage } from './peer-client.js';

/**
 * Throws SightlineError `invalid_feed` unless the page's sequence numbers rise strictly past `after` and its
 * cursor moves on when it says there is more: a peer answering `more` with the same `next` would otherwise
 * keep a puller asking forever. With the tree `size` the page was asked under, nothing may reach past it: a
 * `next` beyond would move the puller's cursor past records it never got.
 */
export function checkFeedPage(page: FeedPage, after: number, size?: number): void {
  let previous = after;
  for (const { seq } of page.records) {
    if (!Number.isSafeInteger(seq) || seq <= previous) {
      throw new SightlineError('invalid_feed', `feed record seq ${seq} does not follow ${previous}`);
    }
    previous = seq;
  }
  if (!Number.isSafeInteger(page.next) || page.next < previous || (page.more && page.next <= after)) {
    throw new SightlineError('invalid_feed', `feed cursor ${page.next} does not advance past ${after}`);
  }
  if (size !== undefined && page.next > Math.max(after, size - 1)) {
    throw new SightlineError('invalid_feed', `feed cursor ${page.next} is beyond the tree of ${size}`);
  }
}
