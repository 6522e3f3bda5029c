import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Every peer-token `jti` seen and not yet expired: a second use is a replay. Shared by all API processes. */
export const peerTokenUses = pgTable(
  'peer_token_uses',
  {
    jti: text('jti').primaryKey(),
    issuer: text('issuer').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('peer_token_uses_expires_idx').on(t.expiresAt)],
);
