import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const keyRoles = ['record', 'log', 'witness', 'peer'] as const;
export type KeyRole = (typeof keyRoles)[number];

/** Public halves of this node's keys, current and retired; private halves live in the data folder (0600). */
export const nodeKeys = pgTable('node_keys', {
  kid: text('kid').primaryKey(),
  role: text('role', { enum: keyRoles }).notNull(),
  publicJwk: jsonb('public_jwk').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'string' }),
  revokedSince: timestamp('revoked_since', { withTimezone: true, mode: 'string' }),
});

export type NodeKeyRow = typeof nodeKeys.$inferSelect;
