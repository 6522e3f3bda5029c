import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './log-leaves.js';

/**
 * Every checkpoint this node signed, one per tree size: the primary key is what guarantees the node never
 * signs two different roots for one size. `note` is the signed note byte for byte.
 */
export const logCheckpoints = pgTable('log_checkpoints', {
  size: bigint('size', { mode: 'number' }).primaryKey(),
  rootHash: bytea('root_hash').notNull(),
  note: text('note').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export type LogCheckpointRow = typeof logCheckpoints.$inferSelect;
