import { bigint, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { bytea } from './log-leaves.js';

/** Hash of every complete (perfect) subtree: node (level, index) covers leaves [index·2^level, (index+1)·2^level). */
export const logNodes = pgTable(
  'log_nodes',
  {
    level: integer('level').notNull(),
    index: bigint('index', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.index] })],
);
