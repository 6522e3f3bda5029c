import type { ObservationRecord, RetractionRecord } from '../../schemas/record.js';
import type { RecordVerification, VerifiedRecord } from '../record/types.js';
import { compareStrings, pushTo, sortedUnique } from './compare.js';
import { type CurrentRecord, currentRecord } from './current-record.js';
import type { StringPool } from './string-pool.js';
import { resolveChains } from './supersede.js';
import type { ExcludedRecord, RetractedRecord, SupersededRecord, SupersedeFork } from './types.js';

export interface Lifecycle {
  /** In no particular order. */
  current: CurrentRecord[];
  excluded: ExcludedRecord[];
  retracted: RetractedRecord[];
  superseded: SupersededRecord[];
  forks: SupersedeFork[];
}

type Verified = VerifiedRecord;

function excludedKey(entry: ExcludedRecord): string {
  return `${entry.id ?? ''}\u0000${entry.code}\u0000${entry.member ?? ''}\u0000${entry.reason}`;
}

function exclusion(record: Verified, code: ExcludedRecord['code'], reason: string): ExcludedRecord {
  return { id: record.id, member: record.author, code, reason };
}

/**
 * Keeps one copy per id (copies share their payload, the id being its hash, so which one is kept is moot) and
 * notes the few records the lifecycle acts on, so later steps need not walk all of them again.
 */
function partition(records: readonly RecordVerification[]) {
  const verified = new Map<string, Verified>();
  const failures = new Map<string, ExcludedRecord>();
  for (const entry of records) {
    if (entry.ok) {
      verified.set(entry.id, entry);
      continue;
    }
    const failure: ExcludedRecord = { code: entry.code, reason: entry.message };
    if (entry.id !== undefined) failure.id = entry.id;
    failures.set(excludedKey(failure), failure);
  }
  const retractions: Verified[] = [];
  const links: Verified[] = [];
  const observations: Verified[] = [];
  for (const entry of verified.values()) {
    const record = entry.record;
    if (record.type === 'retraction') retractions.push(entry);
    else if (record.type === 'observation') {
      observations.push(entry);
      if ((record as ObservationRecord).supersedes !== undefined) links.push(entry);
    }
  }
  return { verified, failures: [...failures.values()], retractions, links, observations };
}

function applyRetractions(
  verified: Map<string, Verified>,
  retractions: Verified[],
  excluded: ExcludedRecord[],
) {
  const retractedBy = new Map<string, string[]>();
  for (const entry of retractions) {
    const target = verified.get((entry.record as RetractionRecord).retracts);
    // A retraction of a record we do not hold has nothing to act on here.
    if (!target) continue;
    if (target.record.type !== 'observation') {
      excluded.push(
        exclusion(entry, 'retraction_target_not_observation', 'only observations can be retracted'),
      );
    } else if (target.author !== entry.author) {
      excluded.push(
        exclusion(
          entry,
          'retraction_author_mismatch',
          `retracts a record by ${target.author}, not by ${entry.author}`,
        ),
      );
    } else pushTo(retractedBy, target.id, entry.id);
  }
  return retractedBy;
}

function brokenLink(entry: Verified, parent: Verified | undefined): ExcludedRecord | undefined {
  if (!parent) return undefined;
  if (parent.record.type !== 'observation') {
    return exclusion(
      entry,
      'supersede_target_not_observation',
      'supersedes a record that is not an observation',
    );
  }
  if (parent.author === entry.author) return undefined;
  return exclusion(
    entry,
    'supersede_author_mismatch',
    `supersedes a record by ${parent.author}, not by ${entry.author}`,
  );
}

/** Supersede links between observations; a broken link excludes the record that makes it. */
function linkVersions(verified: Map<string, Verified>, links: Verified[], excluded: ExcludedRecord[]) {
  const parentOf = new Map<string, string>();
  const broken = new Set<string>();
  for (const entry of links) {
    const parent = verified.get((entry.record as ObservationRecord).supersedes as string);
    const exclusionOfLink = brokenLink(entry, parent);
    if (exclusionOfLink) {
      excluded.push(exclusionOfLink);
      broken.add(entry.id);
    } else if (parent) parentOf.set(entry.id, parent.id);
  }
  // A parent excluded for its own broken link leaves its child as the root of a chain.
  for (const [child, parent] of parentOf) if (broken.has(parent)) parentOf.delete(child);
  return { parentOf, broken };
}

/**
 * Lifecycle: failures and broken links excluded, duplicates collapsed, same-author retractions applied, then
 * of each supersede chain only its latest valid version kept.
 */
export function resolveLifecycle(records: readonly RecordVerification[], strings: StringPool): Lifecycle {
  const { verified, failures, retractions, links, observations } = partition(records);
  // Nothing below depends on processing order (every output list is sorted), so no sort of the whole input.
  const excluded: ExcludedRecord[] = [...failures];
  const retractedBy = applyRetractions(verified, retractions, excluded);
  const { parentOf, broken } = linkVersions(verified, links, excluded);
  const chained = new Set([...parentOf.keys(), ...parentOf.values()]);
  const current: CurrentRecord[] = [];
  const chainVersions: string[] = [];
  for (const entry of observations) {
    if (retractedBy.has(entry.id) || broken.has(entry.id)) continue;
    // Most records are in no chain at all: they are their own latest version.
    if (chained.has(entry.id)) chainVersions.push(entry.id);
    else current.push(currentRecord(entry.id, entry.author, entry.record, strings));
  }
  const createdAtOf = (id: string) => verified.get(id)?.record.createdAt ?? '';
  const chains = resolveChains(chainVersions, parentOf, createdAtOf);
  for (const id of chains.current) {
    const entry = verified.get(id) as Verified;
    current.push(currentRecord(id, entry.author, entry.record, strings));
  }
  const authorOf = (id: string) => verified.get(id)?.author ?? '';
  return {
    current,
    excluded: excluded.sort((a, b) => compareStrings(excludedKey(a), excludedKey(b))),
    retracted: [...retractedBy.entries()]
      .map(([id, by]) => ({ id, member: authorOf(id), retractedBy: sortedUnique(by) }))
      .sort((a, b) => compareStrings(a.id, b.id)),
    superseded: chains.superseded.map(({ id, latest }) => ({ id, member: authorOf(id), latest })),
    forks: chains.forks.map((fork) => ({ member: authorOf(fork.root), ...fork })),
  };
}
