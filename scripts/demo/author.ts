import type { ObservationBody } from '../../schemas/observation/body.js';
import { type NodeApi, postJson } from './http.js';
import { type DemoMember, demoPlan, plannedBody } from './plan.js';
import { listHeld } from './records.js';

/**
 * Has `member` record its planned seed cases through POST /v1/observations, skipping any it already holds
 * (same summary and label) from an earlier run, so a re-run adds nothing twice. Returns how many it created.
 */
export async function authorPlannedCases(
  member: DemoMember,
  node: NodeApi,
  seed: readonly ObservationBody[],
): Promise<number> {
  const own = await listHeld(node, member);
  const present = new Set(own.map((r) => `${r.tlp}\n${r.summary}`));
  let created = 0;
  for (const planned of demoPlan.filter((p) => p.author === member)) {
    const body = plannedBody(planned, seed);
    if (present.has(`${body.tlp}\n${body.observation.summary}`)) continue;
    await postJson(node, '/v1/observations', body);
    created++;
  }
  return created;
}
