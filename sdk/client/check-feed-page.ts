import { SightlineError } from '../errors.js';
import type { FeedPage } from './peer-client.js';

/**
 * Throws SightlineError `invalid_feed` unless the page's sequence numbers rise strictly past `after` and its
 * cursor moves on when it says there is more: a peer answering `more` with the same `next` would otherwise
 * keep a puller asking forever.
 */
export function checkFeedPage(page: FeedPage, after: number): void {
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
}
