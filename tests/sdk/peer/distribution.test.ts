import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tlp } from '../../../schemas/observation/body.js';
import {
  type DeliveryQuestion,
  deliveryReason,
  mayDeliver,
  sharingRefusal,
} from '../../../sdk/peer/index.js';

const TLPS: readonly Tlp[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
const MEMBERS = ['DE', 'FR', 'NL', 'JP', 'US', 'EU'] as const;
const isAmber = (tlp: Tlp) => tlp === 'TLP:AMBER' || tlp === 'TLP:AMBER+STRICT';

const ask = (tlp: Tlp, holder: string, recipient: string, recipients?: string[]): DeliveryQuestion => ({
  record: { author: 'DE', tlp, ...(recipients ? { recipients } : {}) },
  holder,
  recipient,
});

describe('deliveryReason (TLP 2.0, enforced by the sender)', () => {
  it.each([
    ['CLEAR from the author', ask('TLP:CLEAR', 'DE', 'FR'), undefined],
    ['GREEN from the author', ask('TLP:GREEN', 'DE', 'FR'), undefined],
    ['CLEAR relayed by FR to NL', ask('TLP:CLEAR', 'FR', 'NL'), undefined],
    ['GREEN relayed by FR to NL', ask('TLP:GREEN', 'FR', 'NL'), undefined],
    ['GREEN relayed back to its author', ask('TLP:GREEN', 'FR', 'DE'), 'author_is_recipient'],
    ['GREEN sent by FR to itself', ask('TLP:GREEN', 'FR', 'FR'), 'recipient_is_holder'],
    ['RED to anyone', ask('TLP:RED', 'DE', 'FR'), 'red_never_leaves'],
    ['RED to a named recipient', ask('TLP:RED', 'DE', 'FR', ['FR']), 'red_never_leaves'],
    ['AMBER to a named recipient', ask('TLP:AMBER', 'DE', 'FR', ['FR', 'NL']), undefined],
    ['AMBER+STRICT to a named recipient', ask('TLP:AMBER+STRICT', 'DE', 'NL', ['FR', 'NL']), undefined],
    ['AMBER to a member not named', ask('TLP:AMBER', 'DE', 'JP', ['FR', 'NL']), 'amber_not_recipient'],
    ['AMBER without recipients', ask('TLP:AMBER', 'DE', 'FR'), 'amber_not_recipient'],
    [
      'AMBER relayed by a recipient to another recipient',
      ask('TLP:AMBER', 'FR', 'NL', ['FR', 'NL']),
      'amber_not_relayed',
    ],
    [
      'AMBER+STRICT relayed by a recipient',
      ask('TLP:AMBER+STRICT', 'FR', 'NL', ['FR', 'NL']),
      'amber_not_relayed',
    ],
    [
      'AMBER naming its author, back to the author',
      ask('TLP:AMBER', 'DE', 'DE', ['DE']),
      'author_is_recipient',
    ],
    ['an unknown label (TLP:WHITE)', ask('TLP:WHITE' as Tlp, 'DE', 'FR'), 'unknown_tlp'],
    ['a lower-case label', ask('tlp:clear' as Tlp, 'DE', 'FR'), 'unknown_tlp'],
  ] as const)('%s', (_case, question, reason) => {
    expect(deliveryReason(question)).toBe(reason);
    expect(mayDeliver(question)).toBe(reason === undefined);
  });
});

const member = fc.constantFrom(...MEMBERS);
const question = fc.record({
  record: fc.record({
    author: member,
    tlp: fc.constantFrom(...TLPS),
    recipients: fc.option(fc.uniqueArray(member, { maxLength: MEMBERS.length }), { nil: undefined }),
  }),
  holder: member,
  recipient: member,
});

describe('distribution properties', () => {
  it('RED is never delivered, nor is anything delivered to its author or to the holder itself', () => {
    fc.assert(
      fc.property(question, (q) => {
        if (q.record.tlp === 'TLP:RED' || q.recipient === q.record.author || q.recipient === q.holder) {
          expect(mayDeliver(q)).toBe(false);
        }
      }),
    );
  });

  it('AMBER goes only from the author to named recipients', () => {
    fc.assert(
      fc.property(question, (q) => {
        if (!isAmber(q.record.tlp)) return;
        const named = q.record.recipients?.includes(q.recipient) ?? false;
        const expected = q.holder === q.record.author && named && q.recipient !== q.record.author;
        expect(mayDeliver(q)).toBe(expected);
      }),
    );
  });

  it('CLEAR and GREEN go to every other member, whoever holds them', () => {
    fc.assert(
      fc.property(question, (q) => {
        if (q.record.tlp !== 'TLP:CLEAR' && q.record.tlp !== 'TLP:GREEN') return;
        expect(mayDeliver(q)).toBe(q.recipient !== q.record.author && q.recipient !== q.holder);
      }),
    );
  });

  it('mayDeliver is true exactly when there is no refusal reason', () => {
    fc.assert(
      fc.property(question, (q) => {
        expect(mayDeliver(q)).toBe(deliveryReason(q) === undefined);
      }),
    );
  });
});

// Flood a record over a random peer graph: each node that holds it sends it to each neighbour the policy allows.
function spread(
  record: DeliveryQuestion['record'],
  edges: ReadonlyArray<readonly [string, string]>,
): Set<string> {
  const holders = new Set([record.author]);
  const queue = [record.author];
  for (let holder = queue.shift(); holder !== undefined; holder = queue.shift()) {
    for (const [a, b] of edges) {
      const neighbour = a === holder ? b : b === holder ? a : undefined;
      if (neighbour && !holders.has(neighbour) && mayDeliver({ record, holder, recipient: neighbour })) {
        holders.add(neighbour);
        queue.push(neighbour);
      }
    }
  }
  return holders;
}

function reachable(from: string, edges: ReadonlyArray<readonly [string, string]>): Set<string> {
  const seen = new Set([from]);
  const queue = [from];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const [a, b] of edges) {
      const next = a === node ? b : b === node ? a : undefined;
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

describe('distribution over random topologies', () => {
  const topology = fc.uniqueArray(fc.tuple(member, member), { maxLength: 15 });

  it('RED stays home, AMBER reaches only named direct peers of the author, CLEAR/GREEN reach everyone reachable', () => {
    fc.assert(
      fc.property(
        question.map((q) => q.record),
        topology,
        (record, edges) => {
          const holders = spread(record, edges);
          if (record.tlp === 'TLP:RED') {
            expect([...holders]).toEqual([record.author]);
          } else if (isAmber(record.tlp)) {
            const direct = reachable(
              record.author,
              edges.filter(([a, b]) => a === record.author || b === record.author),
            );
            for (const holder of holders) {
              if (holder === record.author) continue;
              expect(record.recipients).toContain(holder);
              expect(direct.has(holder)).toBe(true);
            }
          } else {
            expect(holders).toEqual(reachable(record.author, edges));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('sharingRefusal', () => {
  it('refuses what the labels forbid, and not a useless send to the author or the holder', () => {
    const green = { author: 'FR', tlp: 'TLP:GREEN' as const };
    expect(deliveryReason({ record: green, holder: 'DE', recipient: 'FR' })).toBe('author_is_recipient');
    expect(sharingRefusal({ record: green, holder: 'DE', recipient: 'FR' })).toBeUndefined();
    expect(sharingRefusal({ record: green, holder: 'DE', recipient: 'DE' })).toBeUndefined();
    const amber = { author: 'DE', tlp: 'TLP:AMBER' as const, recipients: ['FR'] };
    expect(sharingRefusal({ record: amber, holder: 'FR', recipient: 'DE' })).toBe('amber_not_relayed');
    expect(sharingRefusal({ record: amber, holder: 'DE', recipient: 'NL' })).toBe('amber_not_recipient');
    expect(sharingRefusal({ record: { author: 'DE', tlp: 'TLP:RED' }, holder: 'DE', recipient: 'FR' })).toBe(
      'red_never_leaves',
    );
  });
});
