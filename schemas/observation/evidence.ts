import { z } from '../zod.js';
import { partialDateSchema } from './dates.js';
import { boundedText } from './text.js';

export const sourceTypeSchema = z
  .enum([
    'official_document',
    'official_statement',
    'government_database',
    'trade_statistics',
    'news_media',
    'analytic_report',
    'company_report',
    'interview',
    'other',
  ])
  .openapi('SourceType');
export type SourceType = z.infer<typeof sourceTypeSchema>;

/** Source types that can make an observation `confirmed`. */
export const officialSourceTypes: ReadonlySet<SourceType> = new Set<SourceType>([
  'official_document',
  'official_statement',
  'government_database',
  'trade_statistics',
]);

export const documentHashSchema = z
  .strictObject({
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lower-case hex characters'),
  })
  .openapi('DocumentHash');

/** A source behind the observation. `retrievable: false` marks sources with no public copy. */
export const evidenceSchema = z
  .strictObject({
    sourceType: sourceTypeSchema,
    title: boundedText(500),
    url: z
      .url({ protocol: /^https?$/, error: 'url must be an http or https URL' })
      .max(2048)
      .optional(),
    publisher: boundedText(200).optional(),
    publishedOn: partialDateSchema.optional(),
    accessedOn: z.iso.date({ error: 'accessedOn must be a calendar date YYYY-MM-DD' }).optional(),
    documentHash: documentHashSchema.optional(),
    locator: boundedText(300).optional(),
    citation: boundedText(1000).optional(),
    retrievable: z.boolean().optional(),
  })
  .openapi('Evidence', {
    example: {
      sourceType: 'official_document',
      title: 'Announcement No. 23 of 2023 of MOFCOM and GAC',
      url: 'https://archive.is/bNZpf',
      publishedOn: { value: '2023-07-03', precision: 'day' },
    },
  });
export type Evidence = z.infer<typeof evidenceSchema>;
