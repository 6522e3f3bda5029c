import { z } from '../zod.js';

/** FIRST TLP 2.0 labels (TLP:WHITE is not valid in 2.0). */
export const tlpSchema = z
  .enum(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'], {
    error:
      'tlp must be one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED (TLP 2.0, upper case)',
  })
  .openapi('Tlp');
export type Tlp = z.infer<typeof tlpSchema>;

/** Labels that go only to the recipients named in the record, so they must name at least one. */
export const tlpsWithRecipients: ReadonlySet<Tlp> = new Set<Tlp>(['TLP:AMBER', 'TLP:AMBER+STRICT']);
