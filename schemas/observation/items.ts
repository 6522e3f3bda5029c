import { z } from '../zod.js';
import {
  hsHeadingCodeSchema,
  hsSubheadingCodeSchema,
  hsVersionSchema,
  isHsSubheadingCode,
  nationalCodeSchema,
} from './hs-codes.js';
import { boundedText } from './text.js';

/** How sure the member is that the code covers the goods observed. */
export const classificationSchema = z
  .strictObject({
    confidence: z.enum(['verified', 'likely', 'uncertain']),
    basis: boundedText(1000).optional(),
  })
  .openapi('Classification');

const label = boundedText(300);
const note = boundedText(1000);

export const hsItemSchema = z
  .strictObject({
    scheme: z.literal('HS'),
    code: hsSubheadingCodeSchema,
    hsVersion: hsVersionSchema,
    label: label.optional(),
    classification: classificationSchema.optional(),
    nationalCodes: z.array(nationalCodeSchema).max(20).optional(),
    note: note.optional(),
  })
  .superRefine((item, ctx) => {
    if (!isHsSubheadingCode(item.code)) return;
    item.nationalCodes?.forEach((national, index) => {
      if (/^\d{8,10}$/.test(national.code) && !national.code.startsWith(item.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['nationalCodes', index, 'code'],
          message: `national code ${national.code} does not start with the item's HS code ${item.code}`,
        });
      }
    });
  })
  .openapi('HsItem');

export const hsHeadingItemSchema = z
  .strictObject({
    scheme: z.literal('HS_HEADING'),
    code: hsHeadingCodeSchema,
    hsVersion: hsVersionSchema,
    label: label.optional(),
    classification: classificationSchema.optional(),
    note: note.optional(),
  })
  .openapi('HsHeadingItem');

const catalogueSuffix = { J: 'prohibited', X: 'restricted' } as const;

/** An entry of the Catalogue of Technologies Prohibited or Restricted from Export (J prohibited, X restricted). */
export const techCatalogueItemSchema = z
  .strictObject({
    scheme: z.literal('CN_TECH_CATALOGUE'),
    code: z
      .string()
      .regex(
        /^\d{6}[JX]$/,
        'a catalogue entry is 6 digits then J (prohibited) or X (restricted), e.g. 083901J',
      )
      .optional(),
    category: z.enum(['prohibited', 'restricted', 'prohibited_proposed', 'restricted_proposed']),
    label,
    classification: classificationSchema.optional(),
    note: note.optional(),
  })
  .superRefine((item, ctx) => {
    const suffix = item.code?.at(-1);
    if (suffix !== 'J' && suffix !== 'X') return;
    if (!item.category.startsWith(catalogueSuffix[suffix])) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message: `catalogue entry ${item.code} is ${catalogueSuffix[suffix]} but category is ${item.category}`,
      });
    }
  })
  .openapi('TechCatalogueItem');

/** An entry of China's dual-use items list, e.g. 1C902.a. */
export const dualUseItemSchema = z
  .strictObject({
    scheme: z.literal('CN_DUAL_USE_CODE'),
    code: z
      .string()
      .max(40)
      .regex(
        /^\d[A-E]\d{3}(?:\.[a-z0-9]+)*$/,
        'a dual-use code is digit, letter A-E, 3 digits, then .a.1 parts, e.g. 1C902.a',
      ),
    label: label.optional(),
    classification: classificationSchema.optional(),
    note: note.optional(),
  })
  .openapi('DualUseItem');

/** Goods or technology named only in words (no code known). */
export const freeTextItemSchema = z
  .strictObject({ scheme: z.literal('FREE_TEXT'), label, note: note.optional() })
  .openapi('FreeTextItem');

/** What goods or technology the observation concerns, discriminated on `scheme`. */
export const itemSchema = z
  .discriminatedUnion('scheme', [
    hsItemSchema,
    hsHeadingItemSchema,
    techCatalogueItemSchema,
    dualUseItemSchema,
    freeTextItemSchema,
  ])
  .openapi('Item');

export type Item = z.infer<typeof itemSchema>;
export type ItemScheme = Item['scheme'];
