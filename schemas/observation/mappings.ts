import { z } from '../zod.js';
import { boundedText } from './text.js';

/** Global Trade Alert classification; MAST chapter P holds export measures (P31 bans, P33 licensing). */
export const gtaMappingSchema = z
  .strictObject({
    interventionType: boundedText(100),
    mastChapter: z.string().regex(/^[A-P]$/, 'mastChapter is one MAST chapter letter A-P'),
    mastSubchapter: z
      .string()
      .regex(/^[A-P]\d{1,2}$/, 'mastSubchapter is a chapter letter and 1-2 digits, e.g. P33')
      .optional(),
  })
  .superRefine((gta, ctx) => {
    if (gta.mastSubchapter && !gta.mastSubchapter.startsWith(gta.mastChapter)) {
      ctx.addIssue({
        code: 'custom',
        path: ['mastSubchapter'],
        message: `mastSubchapter must lie in chapter ${gta.mastChapter}`,
      });
    }
  })
  .openapi('GtaMapping');

export const oecdMeasureTypeSchema = z
  .enum([
    'export_tax',
    'export_surtax',
    'fiscal_tax_on_exports',
    'export_quota',
    'export_prohibition',
    'non_automatic_licensing',
    'customs_clearance_restriction',
    'captive_mining',
    'qualification_requirement',
    'dual_pricing',
    'minimum_export_price',
    'vat_rebate_reduction',
    'other',
  ])
  .openapi('OecdMeasureType');

/** Optional cross-walk to public classifications. */
export const mappingsSchema = z
  .strictObject({
    gta: gtaMappingSchema.optional(),
    oecdMeasureType: oecdMeasureTypeSchema.optional(),
    wtoQrSymbol: z
      .string()
      .regex(/^[A-Z]{1,4}(?: X)?$/, 'wtoQrSymbol is a WTO QR symbol, e.g. NAL X')
      .optional(),
  })
  .openapi('Mappings', {
    example: {
      gta: { interventionType: 'Export licensing requirement', mastChapter: 'P', mastSubchapter: 'P33' },
      oecdMeasureType: 'non_automatic_licensing',
      wtoQrSymbol: 'NAL X',
    },
  });
export type Mappings = z.infer<typeof mappingsSchema>;
