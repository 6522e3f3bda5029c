import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { logCheckpoints } from './checkpoints.js';

/**
 * Witness cosignatures (C2SP tlog-cosignature lines) peers gave this node's checkpoints. One per witness key
 * and checkpoint: a note with two signatures by one key is malformed, so a repeat is not stored.
 */
export const logCosignatures = pgTable(
  'log_cosignatures',
  {
    checkpointSize: bigint('checkpoint_size', { mode: 'number' })
      .notNull()
      .references(() => logCheckpoints.size),
    witness: text('witness').notNull(),
    /** The C2SP key ID (uint32) of the witness key that signed. */
    keyId: bigint('key_id', { mode: 'number' }).notNull(),
    /** The signature line, newline included, as appended to the note. */
    line: text('line').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.checkpointSize, t.witness, t.keyId] })],
);

export type LogCosignatureRow = typeof logCosignatures.$inferSelect;
