import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Pull state per peer. The cursor moves in the same transaction as the batch it covers. */
export const peerSync = pgTable('peer_sync', {
  member: text('member').primaryKey(),
  /** Feed cursor: the peer's sequence number of the last record taken; -1 before the first. */
  cursor: bigint('cursor', { mode: 'number' }).notNull().default(-1),
  peerHead: bigint('peer_head', { mode: 'number' }),
  received: bigint('received', { mode: 'number' }).notNull().default(0),
  rejected: bigint('rejected', { mode: 'number' }).notNull().default(0),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true, mode: 'string' }),
  lastErrorAt: timestamp('last_error_at', { withTimezone: true, mode: 'string' }),
  lastError: text('last_error'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
});

export type PeerSyncRow = typeof peerSync.$inferSelect;
