import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Each delivery of a record: from whom (`self` or a member), when, and at which sequence in the sender's feed. */
export const recordReceipts = pgTable(
  'record_receipts',
  {
    recordId: text('record_id').notNull(),
    from: text('from_member').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    senderSeq: bigint('sender_seq', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.from] })],
);
