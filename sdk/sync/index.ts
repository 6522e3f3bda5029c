export { type FeedInclusionCode, type FeedInclusionResult, verifyFeedInclusion } from './feed-inclusion.js';
export {
  type BatchInfo,
  type FeedFailure,
  type SyncOptions,
  type SyncResult,
  syncFrom,
} from './sync-from.js';
