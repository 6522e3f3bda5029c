// Test helpers: VerifiedRecord / RecordFailure objects built directly (no signing: reconcile trusts verification).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SignedRecord } from '../../../schemas/record.js';
import type { RecordFailure, VerifiedRecord } from '../../../sdk/record/types.js';

type Json = Record<string, unknown>;

const LOCAL_SEED = new URL('../../../fixtures/seed-observations.json', import.meta.url);

export const seedCases: Json[] = JSON.parse(readFileSync(LOCAL_SEED, 'utf8'));

export const DEFAULT_CREATED_AT = '2026-11-28T12:00:00Z';

function nonceFor(seed: string): string {
  return createHash('sha256').update(seed).digest('base64url').slice(0, 22);
}

/** Wraps a record payload the way verifyRecord would report it; id = SHA-256 of its JSON. */
export function verified(record: Json): VerifiedRecord {
  const id = createHash('sha256').update(JSON.stringify(record)).digest('hex');
  const author = String(record.author);
  return {
    ok: true,
    id,
    author,
    kid: `${author}-signing-1`,
    record: record as unknown as SignedRecord,
    jws: `jws.${id}`,
  };
}

export interface Envelope {
  author: string;
  createdAt?: string;
  supersedes?: string;
  /** Distinguishes otherwise identical records (a new nonce = a new record id). */
  variant?: string;
}

/** An observation record from an arbitrary body plus envelope fields. */
export function observation(body: Json, envelope: Envelope): VerifiedRecord {
  const record: Json = {
    type: 'observation',
    author: envelope.author,
    createdAt: envelope.createdAt ?? DEFAULT_CREATED_AT,
    nonce: nonceFor(`${JSON.stringify(body)}|${envelope.author}|${envelope.variant ?? ''}`),
    ...body,
  };
  if (envelope.supersedes) record.supersedes = envelope.supersedes;
  return verified(record);
}

/** Seed case `index` (0-based, as in the fixtures/README.md index) reported by `envelope.author`. */
export function seedObservation(index: number, envelope: Envelope, changes: Json = {}): VerifiedRecord {
  const { schemaVersion, recordId, reportingNode, createdAt, ...body } = seedCases[index] as Json;
  return observation({ ...body, ...changes }, envelope);
}

export function retraction(
  target: VerifiedRecord,
  author: string,
  createdAt = DEFAULT_CREATED_AT,
): VerifiedRecord {
  return verified({
    type: 'retraction',
    author,
    createdAt,
    nonce: nonceFor(`retract|${target.id}|${author}`),
    retracts: target.id,
    reason: 'withdrawn by author',
    tlp: 'TLP:CLEAR',
  });
}

export function failure(code: RecordFailure['code'], message: string, id?: string): RecordFailure {
  const entry: RecordFailure = { ok: false, jws: `broken.${code}.${id ?? ''}`, code, message };
  if (id !== undefined) entry.id = id;
  return entry;
}
