/** One NDJSON line of POST /v1/sync: a committed page, a peer done, or a peer that failed. */
export interface SyncProgress {
  type: 'page' | 'done' | 'error';
  member: string;
  after?: number;
  next?: number;
  head?: number;
  accepted?: number;
  duplicate?: number;
  rejected?: number;
  error?: string;
}
