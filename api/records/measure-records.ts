import { arrayContains, inArray, or } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { records } from '../db/schema.js';

/** Every JWS that bears on a measure: its observations and the retractions that point at them. */
export async function measureRecordJws(db: Database, measureKeys: readonly string[]): Promise<string[]> {
  const observations = await db
    .select({ id: records.id, jws: records.jws })
    .from(records)
    .where(or(...measureKeys.map((key) => arrayContains(records.measureKeys, [key]))));
  const ids = observations.map((r) => r.id);
  const retractions = [];
  for (let i = 0; i < ids.length; i += 1000) {
    retractions.push(
      ...(await db
        .select({ jws: records.jws })
        .from(records)
        .where(inArray(records.retracts, ids.slice(i, i + 1000)))),
    );
  }
  return [...observations, ...retractions].map((r) => r.jws);
}
