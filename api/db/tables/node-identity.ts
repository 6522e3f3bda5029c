import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row: which member this node speaks for. Fixed at init; a node never changes member. */
export const nodeIdentity = pgTable('node_identity', {
  id: integer('id').primaryKey(),
  member: text('member').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
