import type { ObservationRecord, RetractionRecord } from '../../schemas/record.js';
import type { RecordVerification, VerifiedRecord } from '../record/types.js';
import { compareStrings, pushTo, sortedUnique } from './compare.js';
import { type CurrentRecord, currentRecord } from './current-record.js';
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

/** Keeps one copy per id; the copies share their payload (the id is its hash), so which one is kept is moot. */
function partition(records: readonly RecordVerification[]) {
  const verified = new Map<string, Verified>();
  const failures = new Map<string, ExcludedRecord>();
  for (const entry of records) {
    if (entry.ok) {
      if (!verified.has(entry.id)) verified.set(entry.id, entry);
      continue;
    }
    const failure: ExcludedRecord = { code: entry.code, reason: entry.message };
    if (entry.id !== undefined) failure.id = entry.id;
    failures.set(excludedKey(failure), failure);
  }
  return { verified, failures: [...failures.values()] };
}

function applyRetractions(verified: Map<string, Verified>, unique: Verified[], excluded: ExcludedRecord[]) {
  const retractedBy = new Map<string, string[]>();
  for (const entry of unique) {
    if (entry.record.type !== 'retraction') continue;
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

/** Observations with a usable supersede link (or none); a broken link excludes the record. */
function linkVersions(verified: Map<string, Verified>, unique: Verified[], excluded: ExcludedRecord[]) {
  const parentOf = new Map<string, string>();
  const versions: Verified[] = [];
  const broken = new Set<string>();
  for (const entry of unique) {
    if (entry.record.type !== 'observation') continue;
    const supersedes = (entry.record as ObservationRecord).supersedes;
    const parent = supersedes === undefined ? undefined : verified.get(supersedes);
    const exclusionOfLink = brokenLink(entry, parent);
    if (exclusionOfLink) {
      excluded.push(exclusionOfLink);
      broken.add(entry.id);
      continue;
    }
    if (parent) parentOf.set(entry.id, parent.id);
    versions.push(entry);
  }
  // A parent excluded for its own broken link leaves its child as the root of a chain.
  for (const [child, parent] of parentOf) if (broken.has(parent)) parentOf.delete(child);
  return { versions, parentOf };
}

/**
 * Lifecycle: failures and broken links excluded, duplicates collapsed, same-author retractions applied, then
 * of each supersede chain only its latest valid version kept.
 */
export function resolveLifecycle(records: readonly RecordVerification[]): Lifecycle {
  const { verified, failures } = partition(records);
  // Nothing below depends on processing order (every output list is sorted), so no sort of the whole input.
  const unique = [...verified.values()];
  const excluded: ExcludedRecord[] = [...failures];
  const retractedBy = applyRetractions(verified, unique, excluded);
  const { versions, parentOf } = linkVersions(verified, unique, excluded);
  const createdAtOf = (id: string) => verified.get(id)?.record.createdAt ?? '';
  const valid = versions.filter((entry) => !retractedBy.has(entry.id)).map((entry) => entry.id);
  const chains = resolveChains(valid, parentOf, createdAtOf);
  const authorOf = (id: string) => verified.get(id)?.author ?? '';
  const current: CurrentRecord[] = chains.current.map((id) => {
    const entry = verified.get(id) as Verified;
    return currentRecord(id, entry.author, entry.record);
  });
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
