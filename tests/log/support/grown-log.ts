import { expect } from 'vitest';
import { seedBodies } from '../../../api/node/seed.js';
import { authorRecord } from '../../../api/records/author.js';
import type { LogCheckpoint } from '../../../schemas/api/log.js';
import { createTestNode, type TestNode } from '../../support/node.js';
import { appendKeyLeaves, getJson, storedLeafBytes, withLogRoutes } from './log-node.js';

/** A node whose log was grown one leaf at a time, with the root of the checkpoint it served at each size. */
export interface GrownLog {
  node: TestNode;
  /** Leaf bytes in index order. */
  leaves: Buffer[];
  /** roots[n]: root hash of the checkpoint served when the log held n leaves. */
  roots: Buffer[];
  /** Leaf index to record id, for the leaves that log records. */
  recordAt: Map<number, string>;
}

/** Grows a node's log to `maxSize` leaves (every fourth one a record authored by the node, the rest key events). */
export async function growLog(maxSize: number): Promise<GrownLog> {
  const node = withLogRoutes(await createTestNode('DE'));
  const bodies = seedBodies();
  const roots: Buffer[] = [];
  const recordAt = new Map<number, string>();
  for (let size = 0; size <= maxSize; size++) {
    if (size > 0 && size % 4 === 1) {
      const body = bodies[recordAt.size % bodies.length];
      const { id } = await authorRecord(node.ctx, { ...body, type: 'observation' } as never);
      recordAt.set(size - 1, id);
    } else if (size > 0) {
      await appendKeyLeaves(node.ctx.db, 1);
    }
    const checkpoint = await getJson<LogCheckpoint>(node, '/fed/v1/log/checkpoint?format=json');
    expect(checkpoint.size).toBe(size);
    roots.push(Buffer.from(checkpoint.rootHash, 'base64'));
  }
  return { node, leaves: await storedLeafBytes(node.ctx.db), roots, recordAt };
}

/**
 * Tree sizes whose every leaf and every older size the tests prove through HTTP: all sizes to 17, and each
 * side of 32 and 40 (the sizes where the tree gains a level or a right spine changes). PGlite answers a few
 * hundred requests per second, so all 820 + 861 pairs up to 40 would make the files slow; the planners
 * themselves are checked against RFC 6962 for every size to 64 in tests/sdk/log, and `stored nodes` below
 * checks every stored hash.
 */
export const provenSizes = [...Array.from({ length: 17 }, (_, i) => i + 1), 31, 32, 33, 40];

/** A copy of `bytes` with the last bit flipped. */
export function flip(bytes: Uint8Array): Buffer {
  const copy = Buffer.from(bytes);
  copy[copy.length - 1] = (copy[copy.length - 1] as number) ^ 0x01;
  return copy;
}

export const fromBase64 = (text: string) => Buffer.from(text, 'base64');
