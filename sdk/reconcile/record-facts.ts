import type { ClaimEntry } from './claim-entry.js';
import { addClaims } from './claims.js';
import type { CurrentRecord } from './current-record.js';
import type { ItemKeys } from './items.js';
import type { PeriodCache } from './period-cache.js';
import { addEvents, type EventLog } from './timeline.js';

/** The claims and timeline events of every current record; each record holds the index range of its own. */
export interface RecordFacts extends EventLog {
  /** Each record's claims in compareClaimsOfRecord order. */
  entries: ClaimEntry[];
  /** Per entry, its start and end day, where sorting reads them without visiting each entry. */
  claimStarts: number[];
  claimEnds: number[];
}

/**
 * Reads each current record's claims and dates once, in input order (and notes its announced and effective
 * dates for the measure assertions). Measures take records in id order,
 * which jumps around the input: reading the records' nested objects there again, for every measure a
 * record names, cost more than the reading itself.
 */
export function recordFacts(
  records: readonly CurrentRecord[],
  cache: PeriodCache,
  itemKeys: ItemKeys,
): RecordFacts {
  const facts: RecordFacts = { entries: [], claimStarts: [], claimEnds: [], events: [], starts: [] };
  for (const record of records) {
    record.claimsFrom = facts.entries.length;
    addClaims(facts.entries, record, cache, itemKeys);
    record.claimsTo = facts.entries.length;
    for (let index = record.claimsFrom; index < record.claimsTo; index++) {
      const entry = facts.entries[index] as ClaimEntry;
      entry.position = index;
      facts.claimStarts.push(entry.start);
      facts.claimEnds.push(entry.end);
    }
    record.announcedRange = record.announced && cache.rangeOf(record.announced);
    record.effectiveRange = record.effective && cache.rangeOf(record.effective);
    record.eventsFrom = facts.events.length;
    addEvents(facts, record, cache);
    record.eventsTo = facts.events.length;
  }
  return facts;
}

/**
 * The claims of a measure's records (given in id order) in claim order: period, then compareClaims (record
 * id, then the record's own order). Records come in id order, each with its claims in order, so a stable
 * sort of positions by period alone completes it, reading only the two number arrays.
 */
export function claimsInOrder(records: readonly CurrentRecord[], facts: RecordFacts): ClaimEntry[] {
  const order: number[] = [];
  for (const record of records) {
    for (let index = record.claimsFrom; index < record.claimsTo; index++) order.push(index);
  }
  const { claimStarts: starts, claimEnds: ends, entries } = facts;
  order.sort(
    (a, b) => (starts[a] as number) - (starts[b] as number) || (ends[a] as number) - (ends[b] as number),
  );
  return order.map((index) => entries[index] as ClaimEntry);
}
