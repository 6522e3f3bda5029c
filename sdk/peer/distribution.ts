import type { Tlp } from '../../schemas/observation/body.js';

/** Why a record must not go to a peer. Stable codes: add new ones, never rename. */
export type DeliveryRefusal =
  | 'red_never_leaves'
  | 'amber_not_relayed'
  | 'amber_not_recipient'
  | 'author_is_recipient'
  | 'recipient_is_holder'
  | 'unknown_tlp';

/** One sending decision: this record, held by `holder`'s node, asked for by member `recipient`. */
export interface DeliveryQuestion {
  record: { author: string; tlp: Tlp; recipients?: readonly string[] };
  /** The member whose node would send the record. */
  holder: string;
  /** The member whose node would receive it (already authenticated as a federation member). */
  recipient: string;
}

/**
 * Why the sender must not deliver the record (TLP 2.0 as DESIGN.md protocol 7 applies it), or undefined when it
 * may. RED never leaves its node; AMBER and AMBER+STRICT go only from the author's node to the members the
 * signed record names; CLEAR and GREEN go to every member and may be relayed. Sending a record to its author
 * or to the holder itself is refused as useless. An unknown label is refused (fail closed).
 *
 * @example
 * deliveryReason({ record: { author: 'DE', tlp: 'TLP:AMBER', recipients: ['FR'] }, holder: 'FR', recipient: 'NL' });
 * // 'amber_not_relayed'
 */
export function deliveryReason({ record, holder, recipient }: DeliveryQuestion): DeliveryRefusal | undefined {
  switch (record.tlp) {
    case 'TLP:RED':
      return 'red_never_leaves';
    case 'TLP:AMBER':
    case 'TLP:AMBER+STRICT':
      if (holder !== record.author) return 'amber_not_relayed';
      if (!record.recipients?.includes(recipient)) return 'amber_not_recipient';
      break;
    case 'TLP:CLEAR':
    case 'TLP:GREEN':
      break;
    default:
      return 'unknown_tlp';
  }
  if (recipient === record.author) return 'author_is_recipient';
  if (recipient === holder) return 'recipient_is_holder';
  return undefined;
}

/**
 * Why the sharing rules forbid `recipient` to have the record from `holder`, or undefined when they allow it.
 * Unlike deliveryReason it does not count sending a record to its author, or to the holder itself, as refused:
 * that is useless, not a leak. For checks on the receiving side, and on what a peer may learn of a record.
 *
 * @example
 * sharingRefusal({ record: { author: 'FR', tlp: 'TLP:GREEN' }, holder: 'DE', recipient: 'FR' }); // undefined: FR wrote it
 * sharingRefusal({ record: { author: 'DE', tlp: 'TLP:RED' }, holder: 'DE', recipient: 'FR' }); // 'red_never_leaves'
 */
export function sharingRefusal(question: DeliveryQuestion): DeliveryRefusal | undefined {
  const reason = deliveryReason(question);
  return reason === 'author_is_recipient' || reason === 'recipient_is_holder' ? undefined : reason;
}

/**
 * True when the holder's node may send the record to `recipient`; see deliveryReason for the rules. Apply it
 * per peer before serializing anything.
 *
 * @example
 * const page = records.filter((record) => mayDeliver({ record, holder: 'DE', recipient: claims.iss }));
 */
export function mayDeliver(question: DeliveryQuestion): boolean {
  return deliveryReason(question) === undefined;
}
