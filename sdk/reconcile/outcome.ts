import type { OutcomeClass } from './types.js';

// Explicit allow-lists: an outcome value not listed here yields no claim rather than a guessed class.
// `conditioned` (granted with strings attached) and `resumed_briefly` (a short exception inside a halt, as in
// the Swedish graphite case) are neutral: neither evidence of normal trade nor of a block.
const LICENSE_OUTCOMES: Readonly<Record<string, OutcomeClass>> = {
  granted: 'favourable',
  denied: 'adverse',
  delayed: 'adverse',
  delayed_suspected: 'adverse',
  conditioned: 'neutral',
};

const TRADE_FLOW_CHANGES: Readonly<Record<string, OutcomeClass>> = {
  to_zero: 'adverse',
  decrease: 'adverse',
  spike_then_drop: 'adverse',
  increase: 'favourable',
  no_change: 'favourable',
  resumed: 'favourable',
  recovered_partially: 'favourable',
  resumed_briefly: 'neutral',
};

export function licenseOutcomeClass(outcome: string): OutcomeClass | undefined {
  return Object.hasOwn(LICENSE_OUTCOMES, outcome) ? LICENSE_OUTCOMES[outcome] : undefined;
}

export function tradeFlowClass(change: string): OutcomeClass | undefined {
  return Object.hasOwn(TRADE_FLOW_CHANGES, change) ? TRADE_FLOW_CHANGES[change] : undefined;
}

/** The class a comparator or excluded jurisdiction gets: the other side of the record's outcome. */
export function contrastClass(outcomeClass: OutcomeClass): OutcomeClass | undefined {
  if (outcomeClass === 'adverse') return 'favourable';
  if (outcomeClass === 'favourable') return 'adverse';
  return undefined;
}
