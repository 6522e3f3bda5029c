// RECONCILIATION: GET /v1/measures/{key}/reconciliation is being built by another engineer. Until a node
// serves it, the demo says so in one line; once it does, this prints its summary. Adjust `summarize` here
// if the response differs from sdk/reconcile's MeasureReconciliation.
import { getJson, type NodeApi, NodeApiError } from './http.js';

interface ReconciliationSummary {
  members?: string[];
  records?: unknown[];
  corroborated?: unknown[];
  conflicts?: unknown[];
  differentials?: { disadvantaged?: string[]; advantaged?: string[] }[];
}

function summarize(body: unknown): string {
  const outer = body as { measures?: unknown[]; measure?: unknown };
  const m = (outer.measures?.[0] ?? outer.measure ?? body) as ReconciliationSummary;
  if (!Array.isArray(m.members))
    return `answered, in a shape this demo does not know yet (${Object.keys(m).join(', ')})`;
  const parts = [
    `members ${m.members.join(' ')}`,
    `${m.records?.length ?? '?'} records`,
    `${m.corroborated?.length ?? 0} corroborated claims`,
    `${m.conflicts?.length ?? 0} conflicts`,
  ];
  const differential = m.differentials?.[0];
  if (differential) {
    parts.push(
      `worse for ${differential.disadvantaged?.join(' ') || '?'} than ${differential.advantaged?.join(' ') || 'others'}`,
    );
  }
  return parts.join(', ');
}

/** One line about the measure as `node` reconciles it, or a marked placeholder while the route is missing. */
export async function reconciliationLine(node: NodeApi, measureKey: string): Promise<string> {
  try {
    const body = await getJson(node, `/v1/measures/${encodeURIComponent(measureKey)}/reconciliation`);
    return summarize(body);
  } catch (error) {
    if (error instanceof NodeApiError && error.code === 'route_not_found')
      return '[not available yet: this node has no reconciliation endpoint]';
    return `[failed: ${(error as Error).message}]`;
  }
}
