import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  customType,
  date,
  index,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The inclusive `daterange` of a start/end column pair; null when the record has neither, and an open
 * end stays open. List filters must use this same expression for the planner to use the GiST indexes below.
 */
export function dateSpan(start: AnyPgColumn, end: AnyPgColumn): SQL {
  return sql`(case when ${start} is null and ${end} is null then null else daterange(${start}, ${end}, '[]') end)`;
}

// A GIN pending list is scanned in full by every query until VACUUM or an insert past its limit merges it.
// PGlite has no autovacuum, and at the 4 MB default the list held all of measure_keys at 100k records.
// 256 kB keeps that scan short; fastupdate=off would too, but made bulk inserts about 2x slower at 100k.
const shortPendingList = { gin_pending_list_limit: 256 } as const;

/**
 * Every record this node holds, its own and received. `jws` is the signed form, stored verbatim;
 * everything else is derived from it for querying and can be rebuilt from `jws`.
 */
export const records = pgTable(
  'records',
  {
    id: text('id').primaryKey(),
    /** Index of the record's leaf in this node's log: the feed cursor. */
    seq: bigint('seq', { mode: 'number' }).notNull().unique(),
    jws: text('jws').notNull(),
    type: text('type', { enum: ['observation', 'retraction'] }).notNull(),
    author: text('author').notNull(),
    kid: text('kid').notNull(),
    tlp: text('tlp').notNull(),
    recipients: text('recipients').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    supersedes: text('supersedes'),
    retracts: text('retracts'),
    kind: text('kind'),
    measureKeys: text('measure_keys').array().notNull(),
    instruments: text('instruments').array().notNull(),
    /** Every prefix (2+ digits) of every HS, heading and national code: `hs=2504` is an array lookup. */
    hsKeys: text('hs_keys').array().notNull(),
    /** `US` and `US:destination` for each affected jurisdiction. */
    jurisdictions: text('jurisdictions').array().notNull(),
    announcedStart: date('announced_start', { mode: 'string' }),
    announcedEnd: date('announced_end', { mode: 'string' }),
    effectiveStart: date('effective_start', { mode: 'string' }),
    effectiveEnd: date('effective_end', { mode: 'string' }),
    observedStart: date('observed_start', { mode: 'string' }),
    observedEnd: date('observed_end', { mode: 'string' }),
    searchText: text('search_text').notNull(),
    search: tsvector('search').notNull().generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
    /** `self`, or the member id of the peer this node first received the record from. */
    receivedFrom: text('received_from').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('records_measure_keys_idx').using('gin', t.measureKeys).with(shortPendingList),
    index('records_instruments_idx').using('gin', t.instruments).with(shortPendingList),
    index('records_hs_keys_idx').using('gin', t.hsKeys).with(shortPendingList),
    index('records_jurisdictions_idx').using('gin', t.jurisdictions).with(shortPendingList),
    index('records_search_idx').using('gin', t.search).with(shortPendingList),
    index('records_kind_seq_idx').on(t.kind, t.seq),
    index('records_tlp_seq_idx').on(t.tlp, t.seq),
    index('records_author_seq_idx').on(t.author, t.seq),
    // Not (created_at): a page is the highest seqs in a created range, found by an index-only scan of this.
    index('records_seq_created_at_idx').on(t.seq, t.createdAt),
    index('records_announced_span_idx').using('gist', dateSpan(t.announcedStart, t.announcedEnd)),
    index('records_effective_span_idx').using('gist', dateSpan(t.effectiveStart, t.effectiveEnd)),
    index('records_observed_span_idx').using('gist', dateSpan(t.observedStart, t.observedEnd)),
    index('records_supersedes_idx').on(t.supersedes),
    index('records_retracts_idx').on(t.retracts),
  ],
);

export type RecordRow = typeof records.$inferSelect;
export type NewRecordRow = typeof records.$inferInsert;
