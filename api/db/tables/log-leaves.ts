import { bigint, customType, pgTable, text } from 'drizzle-orm/pg-core';

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Leaves of this node's RFC 6962 log, in order. `leaf` is the RFC 8785 JSON that was hashed. */
export const logLeaves = pgTable('log_leaves', {
  index: bigint('index', { mode: 'number' }).primaryKey(),
  leaf: text('leaf').notNull(),
  recordId: text('record_id'),
});

export type LogLeafRow = typeof logLeaves.$inferSelect;
