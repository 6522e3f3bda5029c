import { type ClaimEntry, compareClaimsOfRecord } from './claim-entry.js';
import type { CurrentRecord } from './current-record.js';
import { type DayRange, OPEN_END, OPEN_START } from './days.js';
import type { ItemKeys } from './items.js';
import { asFields, type ObservationView } from './observation-view.js';
import { contrastClass, licenseOutcomeClass, tradeFlowClass } from './outcome.js';
import type { PeriodCache } from './period-cache.js';
import type { Claim, ClaimKind, DestinationScope, OutcomeClass, Period } from './types.js';

const DIRECT_ROLES = new Set(['destination', 'targeted']);
// A comparator or excluded jurisdiction is the other side of the record's outcome: in an adverse record
// (Sweden cut off, Hungary the comparator) it fared well; in a favourable record (exports to the OECD
// recovered, US/JP/NL the comparators) it did not. `context` jurisdictions make no claim.
const CONTRAST_ROLES = new Set(['comparator', 'excluded']);

/** observedFrom..observedTo, falling back to effective then announced for the start; open when unstated. */
export function claimRange(view: ObservationView, cache: PeriodCache): DayRange {
  const from = view.observedFrom ?? view.effective ?? view.announced;
  const to = view.observedTo;
  const start = (from && cache.rangeOf(from)?.start) ?? OPEN_START;
  const end = (to && cache.rangeOf(to)?.end) ?? OPEN_END;
  return start <= end ? { start, end } : { start: end, end: start };
}

/** Appends one record's claims to `entries`; the record's items and period are fixed for all of them. */
class ClaimWriter {
  private readonly first: number;

  constructor(
    readonly entries: ClaimEntry[],
    private readonly record: CurrentRecord,
    private readonly items: readonly string[],
    private readonly range: DayRange,
    private readonly period: Period,
  ) {
    this.first = entries.length;
  }

  /** Puts the record's claims in compareClaimsOfRecord order (a handful: an insertion sort). */
  sort(): void {
    const { entries, first } = this;
    for (let index = first + 1; index < entries.length; index++) {
      const entry = entries[index] as ClaimEntry;
      let slot = index;
      while (
        slot > first &&
        compareClaimsOfRecord((entries[slot - 1] as ClaimEntry).claim, entry.claim) > 0
      ) {
        entries[slot] = entries[slot - 1] as ClaimEntry;
        slot--;
      }
      entries[slot] = entry;
    }
  }

  write(kind: ClaimKind, outcome: string, outcomeClass: OutcomeClass, target: Target): void {
    const { record, range, period } = this;
    // A jurisdiction listed twice with the same role makes one claim.
    for (let index = this.first; index < this.entries.length; index++) {
      const { claim } = this.entries[index] as ClaimEntry;
      const repeated =
        claim.kind === kind &&
        claim.destination === target.destination &&
        claim.role === target.role &&
        claim.outcomeClass === outcomeClass;
      if (repeated) return;
    }
    for (const item of this.items) {
      const claim: Claim = {
        recordId: record.id,
        member: record.member,
        kind,
        item,
        scope: target.scope,
        destination: target.destination,
        role: target.role,
        outcome,
        outcomeClass,
        period,
      };
      this.entries.push({ claim, start: range.start, end: range.end, idOrder: record.idOrder, position: 0 });
    }
  }
}

interface Target {
  scope: DestinationScope;
  destination: string | null;
  role: string | null;
}

const OTHERS: Target = { scope: 'others', destination: null, role: null };
const ALL: Target = { scope: 'all', destination: null, role: null };

function writeClaims(
  writer: ClaimWriter,
  view: ObservationView,
  kind: ClaimKind,
  outcome: string,
  outcomeClass: OutcomeClass,
) {
  let named = false;
  let contrasted = false;
  for (const jurisdiction of view.jurisdictions) {
    const fields = asFields(jurisdiction);
    const code = fields?.code;
    const role = fields?.role;
    if (typeof code !== 'string' || typeof role !== 'string' || !code) continue;
    if (DIRECT_ROLES.has(role)) {
      named = true;
      writer.write(kind, outcome, outcomeClass, { scope: 'named', destination: code, role });
    } else if (CONTRAST_ROLES.has(role)) {
      contrasted = true;
      const opposite = contrastClass(outcomeClass);
      if (opposite) writer.write(kind, outcome, opposite, { scope: 'named', destination: code, role });
    }
  }
  // Comparators without named destinations: the outcome is about everyone else ("others recovered, not US").
  if (!named) writer.write(kind, outcome, outcomeClass, contrasted ? OTHERS : ALL);
}

/** Appends the normalized claims of one record (the same under every measure it names) to `entries`. */
export function addClaims(
  entries: ClaimEntry[],
  record: CurrentRecord,
  cache: PeriodCache,
  itemKeys: ItemKeys,
): void {
  const license = record.licenseOutcome;
  const licenseClass = license === undefined ? undefined : licenseOutcomeClass(license);
  const change = record.tradeFlowChange;
  const changeClass = change === undefined ? undefined : tradeFlowClass(change);
  if (!licenseClass && !changeClass) return;
  const items = itemKeys.keysOf(record.items);
  if (items.length === 0) return;
  const range = claimRange(record, cache);
  const writer = new ClaimWriter(entries, record, items, range, cache.periodOf(range));
  if (license && licenseClass) writeClaims(writer, record, 'license', license, licenseClass);
  if (change && changeClass) writeClaims(writer, record, 'trade_flow', change, changeClass);
  writer.sort();
}
