import { bigint, integer, pgTable } from 'drizzle-orm/pg-core';

/** One row: the log's size. Appenders lock it (SELECT ... FOR UPDATE), which serializes them across processes. */
export const logHead = pgTable('log_head', {
  id: integer('id').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
});
