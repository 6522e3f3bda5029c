export {
  type BatchInfo,
  type FeedFailure,
  type SyncOptions,
  type SyncResult,
  syncFrom,
} from './sync-from.js';
