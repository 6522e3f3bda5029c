import { licenseOutcomesByKind } from '../../schemas/observation/license.js';
import type { Observation } from '../../schemas/observation/observation.js';
import { tradeFlowSchema } from '../../schemas/observation/trade-flow.js';
import type { Random } from './prng.js';

const maxSummary = 2_000;

/** What was seen: `kind` with the parts it requires (license, tradeFlow); `addition` ends the summary. */
export function observationOf(
  random: Random,
  kind: Observation['kind'],
  baseSummary: string,
  addition: string,
): Observation {
  const summary = `${baseSummary.slice(0, maxSummary - addition.length - 1)} ${addition}`;
  const outcomes = licenseOutcomesByKind[kind];
  if (outcomes) {
    return {
      kind,
      summary,
      license: {
        outcome: random.pick(outcomes),
        elapsedDays: random.int(400),
        basis: random.pick(['licence_file', 'company_report', 'inferred_from_trade_data'] as const),
      },
    };
  }
  if (kind === 'export_volume_change') {
    return {
      kind,
      summary,
      tradeFlow: {
        flow: random.pick(['export', 'export', 'import', 're_export'] as const),
        change: random.pick(tradeFlowSchema.shape.change.options),
        metric: random.pick(['volume', 'value', 'unspecified'] as const),
        magnitudePct: random.between(-100, 300),
        reporterPerspective: random.pick(['exporter', 'importer', 'mirror', 'unspecified'] as const),
      },
    };
  }
  return { kind, summary };
}
