import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Signed key rotations and revocations, this node's own and its members', kept to relay and to audit. */
export const keyAnnouncements = pgTable('key_announcements', {
  jws: text('jws').primaryKey(),
  member: text('member').notNull(),
  type: text('type', { enum: ['key-rotation', 'key-revocation'] }).notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
});
