import { SightlineError } from '../errors.js';
import type { RecordVerification } from '../record/types.js';
import { aliasResolver } from './aliases.js';
import { groupByMeasure, measureRefs } from './group.js';
import { ItemKeys } from './items.js';
import { resolveLifecycle } from './lifecycle.js';
import { reconcileMeasure } from './measure.js';
import { PeriodCache } from './period-cache.js';
import { recordFacts } from './record-facts.js';
import { StringPool } from './string-pool.js';
import type { ReconcileOptions, Reconciliation } from './types.js';

const DEFAULT_MAX_FINDINGS_PER_BUCKET = 1000;

function findingLimit(options: ReconcileOptions): number {
  const limit = options.maxFindingsPerBucket ?? DEFAULT_MAX_FINDINGS_PER_BUCKET;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new SightlineError('invalid_option', 'maxFindingsPerBucket must be a positive integer');
  }
  return limit;
}

/**
 * Reconciles records from several members into one picture per measure: what members assert and where they
 * agree or conflict, normalized claims, corroborations, contradictions, differential treatment of destinations
 * and a timeline. Pure and deterministic: the same records in any order, with or without duplicates, give a
 * deep-equal result. Only verified, non-retracted, latest versions count; everything else is listed with why.
 *
 * Rules, in short:
 * - Lifecycle: failures are listed in `excluded`; a retraction counts only from the retracted record's author
 *   (else it is excluded); of a supersede chain (same author) only the version no valid version descends from
 *   counts, and a fork goes to the newest createdAt, then the larger id (listed in `forks`). Retracting the
 *   latest version makes the previous one count again.
 * - Claims: licence outcome or trade-flow change x item (HS6; national codes roll up; an HS heading matches
 *   the HS6 codes under it) x destination x period (observedFrom..observedTo, else effective/announced; open
 *   when unstated). Adverse: denied, delayed, delayed_suspected, to_zero, decrease, spike_then_drop.
 *   Favourable: granted, increase, no_change, resumed, recovered_partially. Neutral: conditioned,
 *   resumed_briefly. A comparator or excluded jurisdiction gets the opposite class of its record; comparators
 *   without named destinations make the outcome a claim about the unnamed `others`; no jurisdictions at all
 *   make it a claim about `all` destinations, which is never differential.
 * - Corroborated: 2+ members, same kind, item, destination and class, overlapping periods. Conflict: adverse vs
 *   favourable for the same item and destination, overlapping periods. Differential: at the same time some
 *   destination only adverse while another (or the unnamed others) only favourable.
 *
 * Throws SightlineError `invalid_alias_map` (alias cycle) or `invalid_option`.
 *
 * @example
 * ```ts
 * import { reconcile } from './sdk/reconcile/index.js';
 *
 * const verifications = jwsList.map((jws) => verifyRecord(jws, resolveKey));
 * const picture = reconcile(verifications, { aliases: { 'PROV-CN-GRAPHITE-LICENSING-SE': 'MOFCOM-COSTIND-GAC-2006-50' } });
 * for (const measure of picture.measures) {
 *   for (const finding of measure.differentials) {
 *     console.log(measure.measureKey, finding.item, finding.disadvantaged, 'vs', finding.advantaged, finding.members);
 *   }
 * }
 * ```
 */
export function reconcile(
  records: readonly RecordVerification[],
  options: ReconcileOptions = {},
): Reconciliation {
  const canonicalKey = aliasResolver(options.aliases);
  const limit = findingLimit(options);
  const strings = new StringPool();
  const lifecycle = resolveLifecycle(records, strings);
  const cache = new PeriodCache();
  const facts = recordFacts(lifecycle.current, cache, new ItemKeys(strings));
  const context = { canonicalKey, refs: measureRefs(canonicalKey), limit, cache, facts, strings };

  return {
    measures: groupByMeasure(lifecycle.current, canonicalKey).map((group) =>
      reconcileMeasure(group, context),
    ),
    excluded: lifecycle.excluded,
    retracted: lifecycle.retracted,
    superseded: lifecycle.superseded,
    forks: lifecycle.forks,
  };
}
