import type { Tlp } from '../../schemas/observation/tlp.js';
import { deliveryReason } from '../../sdk/peer/index.js';
import type { HeldRecord } from './records.js';

/** A record a member does not hold, and why in words. */
export interface Absence {
  record: HeldRecord;
  /** undefined: the member is entitled to it, so it is merely not synced yet. */
  why: string | undefined;
}

export interface Holdings {
  member: string;
  held: HeldRecord[];
  missing: Absence[];
  /** Records the member holds but was never entitled to: a leak. */
  unexpected: HeldRecord[];
}

/** Why the author's node must not send the record to `member`, in words; undefined when it may. */
function refusal(record: HeldRecord, member: string): string | undefined {
  if (record.author === member) return undefined;
  const reason = deliveryReason({
    record: { author: record.author, tlp: record.tlp as Tlp, recipients: record.recipients },
    holder: record.author,
    recipient: member,
  });
  switch (reason) {
    case undefined:
      return undefined;
    case 'red_never_leaves':
      return `RED never leaves ${record.author}`;
    case 'amber_not_recipient':
      return `${record.tlp.replace('TLP:', '')} to ${record.recipients.join(', ')} only`;
    default:
      return reason;
  }
}

/**
 * Compares what each member holds with what the authors hold of their own records, and explains every
 * absence by the sender-side rule (TLP 2.0) that kept the record home.
 */
export function compareHoldings(heldBy: ReadonlyMap<string, HeldRecord[]>): Holdings[] {
  const authored = [...heldBy].flatMap(([member, records]) => records.filter((r) => r.author === member));
  return [...heldBy].map(([member, held]) => {
    const ids = new Set(held.map((r) => r.id));
    return {
      member,
      held,
      missing: authored
        .filter((r) => !ids.has(r.id))
        .map((record) => ({ record, why: refusal(record, member) })),
      unexpected: held.filter((r) => refusal(r, member) !== undefined),
    };
  });
}
