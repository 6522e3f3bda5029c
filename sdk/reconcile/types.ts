import type { RecordFailureCode } from '../record/types.js';

/** Inclusive ISO day range (`YYYY-MM-DD`); null marks an open (unknown or unbounded) start or end. */
export interface Period {
  start: string | null;
  end: string | null;
}

/** A record that counts, and the member that signed it. */
export interface RecordCitation {
  id: string;
  member: string;
}

export type ExclusionCode =
  | RecordFailureCode
  | 'retraction_author_mismatch'
  | 'retraction_target_not_observation'
  | 'supersede_author_mismatch'
  | 'supersede_target_not_observation';

/** A record that does not count at all, with a stable code. */
export interface ExcludedRecord {
  id?: string;
  member?: string;
  code: ExclusionCode;
  reason: string;
}

export interface RetractedRecord {
  id: string;
  member: string;
  /** Retractions by the same author that withdrew it. */
  retractedBy: string[];
}

export interface SupersededRecord {
  id: string;
  member: string;
  /** The version of its chain that counts now. */
  latest: string;
}

/** A supersede chain with more than one latest version; only `chosen` counts. */
export interface SupersedeFork {
  member: string;
  /** Earliest version of the chain present in the input. */
  root: string;
  heads: string[];
  chosen: string;
}

export type OutcomeClass = 'adverse' | 'favourable' | 'neutral';
export type ClaimKind = 'license' | 'trade_flow';
/** `named`: one jurisdiction; `others`: destinations the record does not name; `all`: every destination. */
export type DestinationScope = 'named' | 'others' | 'all';

/**
 * One normalized statement: for `item` (`HS:811292`, `HS_HEADING:3801`, `CN_DUAL_USE_CODE:1E902.a`,
 * `CN_TECH_CATALOGUE:<code or label>`, `FREE_TEXT:<label>`), towards `destination`, during `period`,
 * the outcome was `outcome` (raw value) of class `outcomeClass`.
 */
export interface Claim {
  recordId: string;
  member: string;
  kind: ClaimKind;
  item: string;
  scope: DestinationScope;
  /** ISO code when scope is `named`, else null. */
  destination: string | null;
  /** The jurisdiction's role in the record; null for `others` / `all`. */
  role: string | null;
  outcome: string;
  outcomeClass: OutcomeClass;
  period: Period;
}

/** Two or more members report the same outcome class for the same kind, item and destination, over overlapping periods. */
export interface CorroboratedClaim {
  kind: ClaimKind;
  item: string;
  scope: DestinationScope;
  destination: string | null;
  outcomeClass: OutcomeClass;
  /** Span of the overlapping claims. */
  period: Period;
  members: string[];
  evidence: Claim[];
}

/** An adverse and a favourable claim for the same item and destination whose periods overlap. */
export interface ClaimConflict {
  item: string;
  scope: DestinationScope;
  destination: string | null;
  /** Where the two periods overlap. */
  period: Period;
  members: string[];
  adverse: Claim;
  favourable: Claim;
}

/** Same item, same time: some destinations fare badly while others fare well. */
export interface DifferentialFinding {
  item: string;
  period: Period;
  disadvantaged: string[];
  advantaged: string[];
  /** A record reported the favourable outcome for destinations it does not name (e.g. "others recovered"). */
  othersAdvantaged: boolean;
  /** A record reported the adverse outcome for destinations it does not name. */
  othersDisadvantaged: boolean;
  recordIds: string[];
  members: string[];
  evidence: Claim[];
}

export type AssertedField = 'status' | 'instrument' | 'legalBasis' | 'announced' | 'effective';
export type Agreement = 'corroborated' | 'conflict' | 'single';

export interface MemberAssertion {
  member: string;
  /** A string, or the sorted legal-basis codes. */
  value: string | string[];
  /** For dates: the days the partial date covers. */
  period?: Period;
  recordIds: string[];
}

/** What members currently assert about one field of a measure. */
export interface FieldAssessment {
  field: AssertedField;
  agreement: Agreement;
  assertions: MemberAssertion[];
}

export interface TimelineEvent {
  date: 'announced' | 'effective' | 'observedFrom' | 'observedTo';
  value: string;
  precision: string;
  qualifier?: string;
  period: Period;
  kind: string;
  recordId: string;
  member: string;
}

export interface AliasCandidate {
  measureKey: string;
  proposedBy: RecordCitation[];
}

/** A bucket whose findings hit `maxFindingsPerBucket`; the rest were not computed. */
export interface TruncatedBucket {
  finding: 'conflict' | 'differential';
  item: string;
  /** The destination of a conflict bucket (null: claims about all destinations); null for differentials. */
  destination: string | null;
  limit: number;
}

export interface MeasureReconciliation {
  measureKey: string;
  /** Keys found in records that the alias map merged into `measureKey`. */
  mergedKeys: string[];
  records: RecordCitation[];
  members: string[];
  assertions: FieldAssessment[];
  claims: Claim[];
  corroborated: CorroboratedClaim[];
  conflicts: ClaimConflict[];
  differentials: DifferentialFinding[];
  timeline: TimelineEvent[];
  aliasCandidates: AliasCandidate[];
  truncated: TruncatedBucket[];
}

export interface Reconciliation {
  measures: MeasureReconciliation[];
  excluded: ExcludedRecord[];
  retracted: RetractedRecord[];
  superseded: SupersededRecord[];
  forks: SupersedeFork[];
}

export interface ReconcileOptions {
  /** alias key -> canonical key; chains are followed, cycles are rejected. */
  aliases?: Readonly<Record<string, string>>;
  /** Upper bound on conflicts and on differential findings computed per bucket (default 1,000). */
  maxFindingsPerBucket?: number;
}
