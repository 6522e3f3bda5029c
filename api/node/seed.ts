import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { observationBodySchema } from '../../schemas/observation/body.js';
import type { NodeContext } from '../context.js';
import { records } from '../db/schema.js';
import { seedFile } from '../paths.js';
import { authorRecord } from '../records/author.js';

/** The public seed cases shipped in fixtures/, as observation bodies. */
export function seedBodies() {
  const raw = JSON.parse(readFileSync(seedFile, 'utf8')) as unknown[];
  return raw.map((body) => observationBodySchema.parse(body));
}

/** On a node that holds no records yet, signs and stores the seed's public cases so a new user sees real data. */
export async function loadSeedIfEmpty(ctx: NodeContext): Promise<number> {
  const [row] = await ctx.db.select({ count: sql<number>`count(*)::int` }).from(records);
  if ((row?.count ?? 0) > 0) return 0;
  const bodies = seedBodies();
  for (const body of bodies) await authorRecord(ctx, { ...body, type: 'observation' });
  return bodies.length;
}
