import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The federation registry: members this node trusts. A member without `url` is only an author reached through relays. */
export const members = pgTable('members', {
  id: text('id').primaryKey(),
  url: text('url'),
  addedAt: timestamp('added_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  /** Set when the member's log was proven forked: its records are no longer accepted. */
  forkedAt: timestamp('forked_at', { withTimezone: true, mode: 'string' }),
});

export type MemberRow = typeof members.$inferSelect;
