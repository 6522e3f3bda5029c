import { z } from '../zod.js';
import { boundedText } from './text.js';

/** A change in trade seen in statistics; `unspecified` says explicitly that the source did not say. */
export const tradeFlowSchema = z
  .strictObject({
    flow: z.enum(['export', 'import', 're_export']),
    change: z.enum([
      'to_zero',
      'decrease',
      'increase',
      'spike_then_drop',
      'no_change',
      'resumed',
      'resumed_briefly',
      'recovered_partially',
    ]),
    metric: z.enum(['volume', 'value', 'unspecified']),
    magnitudePct: z.number().min(-100).max(100_000).optional(),
    baselinePeriod: boundedText(100).optional().describe('e.g. 2022 or 2023-H1'),
    reporterPerspective: z.enum(['exporter', 'importer', 'mirror', 'unspecified']),
  })
  .openapi('TradeFlow', {
    example: { flow: 'export', change: 'to_zero', metric: 'volume', reporterPerspective: 'importer' },
  });
export type TradeFlow = z.infer<typeof tradeFlowSchema>;
