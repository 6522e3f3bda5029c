import { boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { keyRoles } from './node-keys.js';

/**
 * Keys pinned for members, by RFC 7638 thumbprint (= kid). The JWK arrives later from any source: its
 * thumbprint must equal the pin, so where it came from does not matter.
 */
export const memberKeys = pgTable(
  'member_keys',
  {
    kid: text('kid').primaryKey(),
    member: text('member').notNull(),
    role: text('role', { enum: keyRoles }).notNull(),
    jwk: jsonb('jwk'),
    pinnedAt: timestamp('pinned_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    revokedSince: timestamp('revoked_since', { withTimezone: true, mode: 'string' }),
    /** Pinned as a key the member rotated away: it verifies what it signed and signs no key announcement. */
    former: boolean('former').notNull().default(false),
  },
  (t) => [index('member_keys_member_role_idx').on(t.member, t.role)],
);

export type MemberKeyRow = typeof memberKeys.$inferSelect;
