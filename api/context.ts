import type { Logger } from 'pino';
import type { PinnedKeySet } from '../sdk/keys/index.js';
import type { RecordVerification } from '../sdk/record/index.js';
import type { Database } from './db/database.js';
import type { NodeKeys } from './node/keys.js';

/** What every route and service of a running node shares. Nothing here is mutable request state. */
export interface NodeContext {
  db: Database;
  databaseKind: 'pglite' | 'postgres';
  member: string;
  keys: NodeKeys;
  /** Data folder: private keys live in `<dataDir>/keys`. */
  dataDir: string;
  /** Public base URL of this node, as peers reach it. */
  baseUrl: string;
  logger: Logger;
  version: string;
  /** Aborted when the node is shutting down: long work (a sync pass) stops at its next safe point. */
  stopping?: AbortSignal;
  /** Verifies a batch off the main thread when a worker pool is running; inline otherwise. */
  verifyRecords?: (jwsList: readonly string[], keys: PinnedKeySet) => Promise<RecordVerification[]>;
}

export interface AuthInfo {
  tokenId: string;
  role: 'reader' | 'analyst' | 'admin';
}

/** Hono environment of the node's app. */
export interface NodeEnv {
  Variables: {
    requestId: string;
    auth: AuthInfo;
    /** The federation member whose peer token authenticated the request. */
    peer: string;
  };
}
