import { describe, expect, it } from 'vitest';
import type { Reconciliation } from '../../../sdk/reconcile/index.js';
import { reconcile } from '../../../sdk/reconcile/index.js';
import { failure, retraction, seedObservation } from './records.js';

const counted = (result: Reconciliation) =>
  result.measures.flatMap((entry) => entry.records.map((record) => record.id));

/** Seed case 1 (gallium to zero), version `n` by `author`, optionally superseding another record. */
function version(author: string, n: number, createdAt: string, supersedes?: string) {
  return seedObservation(1, { author, createdAt, variant: String(n), ...(supersedes ? { supersedes } : {}) });
}

describe('lifecycle', () => {
  it('takes a createdAt past year 9999, or not a string, as no instant rather than failing', () => {
    const farFuture = version('DE', 1, '+010000-01-01T00:00:00Z');
    const notText = version('FR', 2, '2026-01-01T00:00:00Z');
    (notText.record as { createdAt: unknown }).createdAt = ['2026-01-01T00:00:00Z'];
    const result = reconcile([farFuture, notText]);
    expect(counted(result).sort()).toEqual([farFuture.id, notText.id].sort());
  });

  it('lists failures as excluded and collapses duplicates', () => {
    const record = seedObservation(0, { author: 'DE' });
    const badSignature = failure('bad_signature', 'signature does not verify', 'ab'.repeat(32));
    const result = reconcile([
      record,
      badSignature,
      record,
      failure('malformed_jws', 'not three segments'),
      badSignature,
    ]);
    expect(counted(result)).toEqual([record.id]);
    expect(result.excluded).toEqual([
      { code: 'malformed_jws', reason: 'not three segments' },
      { id: 'ab'.repeat(32), code: 'bad_signature', reason: 'signature does not verify' },
    ]);
  });

  it('drops a record retracted by its author', () => {
    const record = seedObservation(1, { author: 'FR' });
    const other = seedObservation(0, { author: 'DE' });
    const withdrawal = retraction(record, 'FR');
    const result = reconcile([record, other, withdrawal]);
    expect(counted(result)).toEqual([other.id]);
    expect(result.retracted).toEqual([{ id: record.id, member: 'FR', retractedBy: [withdrawal.id] }]);
  });

  it('ignores and lists a retraction by another member', () => {
    const record = seedObservation(1, { author: 'FR' });
    const foreign = retraction(record, 'DE');
    const result = reconcile([foreign, record]);
    expect(counted(result)).toEqual([record.id]);
    expect(result.retracted).toEqual([]);
    expect(result.excluded).toEqual([
      expect.objectContaining({ id: foreign.id, member: 'DE', code: 'retraction_author_mismatch' }),
    ]);
  });

  it('counts only the latest version of a supersede chain', () => {
    const v1 = version('FR', 1, '2026-01-01T00:00:00Z');
    const v2 = version('FR', 2, '2026-02-01T00:00:00Z', v1.id);
    const v3 = version('FR', 3, '2026-03-01T00:00:00Z', v2.id);
    const result = reconcile([v3, v1, v2]);
    expect(counted(result)).toEqual([v3.id]);
    expect(result.superseded).toEqual(
      [v1, v2].map((v) => ({ id: v.id, member: 'FR', latest: v3.id })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(result.forks).toEqual([]);
  });

  it('resolves a fork by createdAt and reports it', () => {
    const v1 = version('FR', 1, '2026-01-01T00:00:00Z');
    const early = version('FR', 2, '2026-02-01T00:00:00Z', v1.id);
    const late = version('FR', 3, '2026-02-02T00:00:00Z', v1.id);
    const result = reconcile([v1, late, early]);
    expect(counted(result)).toEqual([late.id]);
    expect(result.forks).toEqual([
      { member: 'FR', root: v1.id, heads: [early.id, late.id].sort(), chosen: late.id },
    ]);
  });

  it('breaks a createdAt tie in a fork by the larger id', () => {
    const v1 = version('FR', 1, '2026-01-01T00:00:00Z');
    const a = version('FR', 2, '2026-02-01T00:00:00Z', v1.id);
    const b = version('FR', 3, '2026-02-01T00:00:00Z', v1.id);
    const larger = a.id > b.id ? a : b;
    expect(counted(reconcile([a, b, v1]))).toEqual([larger.id]);
    expect(counted(reconcile([v1, b, a]))).toEqual([larger.id]);
  });

  it('excludes a supersede of another member’s record', () => {
    const original = version('FR', 1, '2026-01-01T00:00:00Z');
    const hijack = version('DE', 2, '2026-02-01T00:00:00Z', original.id);
    const result = reconcile([original, hijack]);
    expect(counted(result)).toEqual([original.id]);
    expect(result.excluded).toEqual([
      expect.objectContaining({ id: hijack.id, member: 'DE', code: 'supersede_author_mismatch' }),
    ]);
  });

  it('keeps a chain superseded across a retracted middle version, without a fork', () => {
    const v1 = version('FR', 1, '2026-01-01T00:00:00Z');
    const v2 = version('FR', 2, '2026-02-01T00:00:00Z', v1.id);
    const v3 = version('FR', 3, '2026-03-01T00:00:00Z', v2.id);
    const result = reconcile([v1, v2, v3, retraction(v2, 'FR')]);
    expect(counted(result)).toEqual([v3.id]);
    expect(result.forks).toEqual([]);
  });

  it('falls back to the previous version when the latest one is retracted', () => {
    const v1 = version('FR', 1, '2026-01-01T00:00:00Z');
    const v2 = version('FR', 2, '2026-02-01T00:00:00Z', v1.id);
    expect(counted(reconcile([v1, v2, retraction(v2, 'FR')]))).toEqual([v1.id]);
    expect(counted(reconcile([v1, v2, retraction(v2, 'FR'), retraction(v1, 'FR')]))).toEqual([]);
  });

  it("keeps a supersession when a failing copy shares the superseded record's id", () => {
    const v1 = version('FR', 1, '2026-01-01T00:00:00Z');
    const v2 = version('FR', 2, '2026-02-01T00:00:00Z', v1.id);
    const result = reconcile([v1, v2, failure('bad_signature', 'tampered copy', v1.id)]);
    expect(counted(result)).toEqual([v2.id]);
    expect(result.superseded).toEqual([{ id: v1.id, member: 'FR', latest: v2.id }]);
  });

  it('refuses to retract a retraction', () => {
    const record = seedObservation(1, { author: 'FR' });
    const first = retraction(record, 'FR');
    const second = retraction(first, 'FR');
    const result = reconcile([record, first, second]);
    expect(counted(result)).toEqual([]);
    expect(result.excluded.map((entry) => [entry.id, entry.code])).toEqual([
      [second.id, 'retraction_target_not_observation'],
    ]);
  });
});
