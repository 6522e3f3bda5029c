import { alias } from 'drizzle-orm/pg-core';
import type { Tlp } from '../../schemas/observation/tlp.js';
import { sharingRefusal } from '../../sdk/peer/index.js';
import { records } from '../db/schema.js';

/** The record a retraction retracts, joined on `records.retracts`: null columns when none is held. */
export const retractedTarget = alias(records, 'retracted_target');

export const retractedTargetLabels = {
  targetAuthor: retractedTarget.author,
  targetTlp: retractedTarget.tlp,
  targetRecipients: retractedTarget.recipients,
};

export interface RetractedTargetLabels {
  targetAuthor: string | null;
  targetTlp: string | null;
  targetRecipients: string[] | null;
}

/**
 * May `recipient` learn of the record a retraction withdraws? A retraction names its target and says why it
 * was withdrawn, so it goes no further than its target may, whatever label its signer gave it (the node's
 * own retractions copy their target's; one signed elsewhere need not).
 */
export function retractedTargetMayGo(row: RetractedTargetLabels, holder: string, recipient: string): boolean {
  if (row.targetAuthor === null) return true;
  const target = {
    author: row.targetAuthor,
    tlp: row.targetTlp as Tlp,
    recipients: row.targetRecipients ?? [],
  };
  return sharingRefusal({ record: target, holder, recipient }) === undefined;
}
