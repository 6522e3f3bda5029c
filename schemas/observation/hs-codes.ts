import { z } from '../zod.js';

export const hsVersionSchema = z
  .enum(['HS1992', 'HS1996', 'HS2002', 'HS2007', 'HS2012', 'HS2017', 'HS2022', 'HS2028'])
  .openapi('HsVersion');

/** Why the first two digits are not an HS chapter (01-97, 77 reserved), or undefined. */
function hsChapterProblem(code: string): string | undefined {
  const chapter = Number(code.slice(0, 2));
  if (chapter >= 1 && chapter <= 97 && chapter !== 77) return undefined;
  return `HS chapter ${code.slice(0, 2)} does not exist: chapters run 01-97 and 77 is reserved`;
}

const hsCodeSchema = (digits: number, what: string, example: string) =>
  z
    .string()
    .regex(new RegExp(`^\\d{${digits}}$`), {
      abort: true,
      message: `${what} must be exactly ${digits} digits without dots or spaces, e.g. ${example}`,
    })
    .superRefine((code, ctx) => {
      const problem = hsChapterProblem(code);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** HS subheading: 6 digits, stored without dots (8112.92 is written 811292). */
export const hsSubheadingCodeSchema = hsCodeSchema(6, 'an HS code', '811292 for 8112.92');
/** HS heading: 4 digits (81.12 is written 8112). */
export const hsHeadingCodeSchema = hsCodeSchema(4, 'an HS heading', '8112 for 81.12');

export const isHsSubheadingCode = (code: string) =>
  /^\d{6}$/.test(code) && hsChapterProblem(code) === undefined;

export const nationalTariffSchemeSchema = z
  .enum(['CN_CUSTOMS', 'EU_CN', 'EU_TARIC', 'US_HTS', 'US_SCHEDULE_B', 'JP_TARIFF', 'KR_HSK', 'GB_TARIFF'])
  .openapi('NationalTariffScheme');

/** A national tariff line (8-10 digits) under the item's HS subheading. */
export const nationalCodeSchema = z
  .strictObject({
    scheme: nationalTariffSchemeSchema,
    code: z.string().regex(/^\d{8,10}$/, 'a national tariff code must be 8 to 10 digits without dots'),
  })
  .openapi('NationalCode', { example: { scheme: 'CN_CUSTOMS', code: '8112929010' } });

export type NationalCode = z.infer<typeof nationalCodeSchema>;
