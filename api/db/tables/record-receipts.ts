import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from './log-leaves.js';

/** Each delivery of a record: from whom (`self` or a member), when, and at which sequence in the sender's feed. */
export const recordReceipts = pgTable(
  'record_receipts',
  {
    recordId: text('record_id').notNull(),
    from: text('from_member').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    senderSeq: bigint('sender_seq', { mode: 'number' }),
    /** For a record pulled from a feed: the sender's checkpoint size it was proven under at sync... */
    senderTreeSize: bigint('sender_tree_size', { mode: 'number' }),
    /** ...its leaf in the sender's log (RFC 8785 JSON)... */
    senderLeaf: text('sender_leaf'),
    /** ...and its RFC 9162 inclusion proof there: 32-byte hashes, concatenated, leaf side first. */
    senderProof: bytea('sender_proof'),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.from] })],
);
