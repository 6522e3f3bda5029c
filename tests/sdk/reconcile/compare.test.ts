import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStrings, stringOrderKey } from '../../../sdk/reconcile/compare.js';

// Short strings over a few code units, among them 0, 254, 255 and units above, where the key stops.
const unit = fc
  .constantFrom(0, 1, 48, 97, 254, 255, 256, 0x4e2d, 0xffff)
  .map((code) => String.fromCharCode(code));
const text = fc.array(unit, { maxLength: 8 }).map((units) => units.join(''));

describe('stringOrderKey', () => {
  it('never orders two strings against compareStrings (ties fall back to the strings)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const byKey = Math.sign(stringOrderKey(a) - stringOrderKey(b));
        if (byKey !== 0) expect(byKey).toBe(compareStrings(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('tells hex record ids apart by their first six characters', () => {
    expect(stringOrderKey('0123456789ab')).toBeLessThan(stringOrderKey('012346'));
    expect(stringOrderKey('abcdef00')).toBe(stringOrderKey('abcdef11'));
  });
});
