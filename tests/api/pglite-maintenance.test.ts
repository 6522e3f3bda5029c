import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PgliteMaintenance, startPgliteMaintenance } from '../../api/db/pglite-maintenance.js';
import { loadSeedIfEmpty } from '../../api/node/seed.js';
import { testBackend } from '../support/backend.js';
import { createTestNode, type TestNode } from '../support/node.js';

async function lastVacuum(node: TestNode): Promise<string | null> {
  const result = await node.ctx.db.execute(
    sql`select last_vacuum, last_analyze from pg_stat_user_tables where relname = 'records'`,
  );
  const [row] = (result as unknown as { rows: { last_vacuum: unknown; last_analyze: unknown }[] }).rows;
  return row?.last_vacuum && row.last_analyze ? String(row.last_vacuum) : null;
}

describe.skipIf(testBackend() === 'postgres')('PGlite maintenance (no autovacuum there)', () => {
  let node: TestNode;
  beforeEach(async () => {
    node = await createTestNode('DE');
  });
  afterEach(async () => node.close());

  it('vacuums and analyzes once the records have grown enough, and not again before', async () => {
    const maintenance = new PgliteMaintenance(node.ctx, { minNewRecords: 10 });
    expect(await maintenance.runIfDue()).toBe(false);
    expect(await lastVacuum(node)).toBeNull();

    expect(await loadSeedIfEmpty(node.ctx)).toBeGreaterThanOrEqual(10);
    expect(await maintenance.runIfDue()).toBe(true);
    const first = await lastVacuum(node);
    expect(first).not.toBeNull();

    expect(await maintenance.runIfDue()).toBe(false);
    expect(await lastVacuum(node)).toBe(first);
  });

  it('runs after the longest interval even without growth, for pruned rows', async () => {
    const maintenance = new PgliteMaintenance(node.ctx, { maxIntervalMs: 60_000 });
    expect(await maintenance.runIfDue(Date.now() + 30_000)).toBe(false);
    expect(await maintenance.runIfDue(Date.now() + 61_000)).toBe(true);
    expect(await lastVacuum(node)).not.toBeNull();
  });

  it('the running node checks on an interval, and stops checking when stopped', async () => {
    const timer = startPgliteMaintenance(node.ctx, { checkEveryMs: 5, maxIntervalMs: 0 });
    for (let waited = 0; (await lastVacuum(node)) === null && waited < 5_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await timer.stop();
    expect(await lastVacuum(node)).not.toBeNull();
  });
});
