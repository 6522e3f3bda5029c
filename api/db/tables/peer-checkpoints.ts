import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './log-leaves.js';

/** Every checkpoint of a peer's log this node verified and found consistent: what it witnessed. */
export const peerCheckpoints = pgTable(
  'peer_checkpoints',
  {
    member: text('member').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    rootHash: bytea('root_hash').notNull(),
    note: text('note').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.member, t.size] })],
);
