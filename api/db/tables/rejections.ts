import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Records a peer offered that failed a check: kept for the operator, never applied. */
export const rejections = pgTable(
  'rejections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    from: text('from_member').notNull(),
    recordId: text('record_id'),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('rejections_from_idx').on(t.from, t.at)],
);
