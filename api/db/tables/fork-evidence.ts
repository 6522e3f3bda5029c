import { bigserial, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Two checkpoints signed by one peer's log key that no consistency proof links: proof, checkable offline by
 * anyone with that key, that the peer showed two histories.
 */
export const forkEvidence = pgTable('fork_evidence', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  member: text('member').notNull(),
  origin: text('origin').notNull(),
  /** The checkpoint witnessed earlier and the conflicting one, both signed notes byte for byte. */
  earlierNote: text('earlier_note').notNull(),
  laterNote: text('later_note').notNull(),
  /** The consistency proof the peer served (base64 hashes, JSON), or why none was obtained. */
  proof: text('proof').notNull(),
  detectedAt: timestamp('detected_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
