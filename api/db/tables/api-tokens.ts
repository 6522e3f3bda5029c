import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const apiTokenRoles = ['reader', 'analyst', 'admin'] as const;
export type ApiTokenRole = (typeof apiTokenRoles)[number];

/** Bearer tokens for the member's own people. Only a SHA-256 of the secret is kept. */
export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  secretHash: text('secret_hash').notNull().unique(),
  role: text('role', { enum: apiTokenRoles }).notNull(),
  label: text('label'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
});

export type ApiTokenRow = typeof apiTokens.$inferSelect;
