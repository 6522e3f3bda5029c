import { desc, eq } from 'drizzle-orm';
import type { PeerClient } from '../../sdk/client/peer-client.js';
import { decodeBase64 } from '../../sdk/keys/index.js';
import {
  cosignCheckpoint,
  ed25519NoteVerifier,
  hashesEqual,
  verifyCheckpoint,
  verifyConsistency,
} from '../../sdk/log/index.js';
import type { NodeContext } from '../context.js';
import { forkEvidence, members, peerCheckpoints } from '../db/schema.js';
import { pinnedKeys } from '../keys/pinned-keys.js';
import { logOrigin, witnessKeyName } from '../log/names.js';
import { currentKey } from '../node/keys.js';

export type WitnessVerdict = 'first' | 'unchanged' | 'consistent' | 'forked';

/** The verdict, and the peer's checkpoint it was reached on: verified, and consistent with all seen before. */
export interface Witnessed {
  verdict: WitnessVerdict;
  size: number;
  rootHash: Uint8Array;
}

export class PeerForkedError extends Error {
  readonly code = 'peer_forked';
}

/** The peer served no proof that its log extends the checkpoint witnessed before: taken as unproven. */
export class PeerInconsistentError extends Error {
  readonly code = 'peer_inconsistent';
}

/** No log key pinned for the peer verifies its checkpoint (perhaps its key material was never fetched). */
export class CheckpointKeyError extends Error {
  readonly code = 'checkpoint_key_unknown';
}

interface PeerCheckpoint {
  size: number;
  rootHash: Uint8Array;
  note: string;
}

/**
 * Witnesses a peer's log at sync: fetches its checkpoint, verifies the log signature against the pinned log
 * key, and checks it is consistent with the last checkpoint seen. Consistent: stored and cosigned, and the
 * cosignature returned to the peer. Inconsistent: both notes are kept as evidence, the peer is marked forked
 * (its records are no longer accepted) and PeerForkedError is thrown.
 */
export async function witnessPeer(ctx: NodeContext, member: string, peer: PeerClient): Promise<Witnessed> {
  const fetched = await peer.get<{ size: number; rootHash: string; note: string }>(
    'log.read',
    '/fed/v1/log/checkpoint?format=json',
  );
  const latest = await verifiedCheckpoint(ctx, member, fetched.note);
  const [previous] = await ctx.db
    .select()
    .from(peerCheckpoints)
    .where(eq(peerCheckpoints.member, member))
    .orderBy(desc(peerCheckpoints.size))
    .limit(1);
  let verdict: WitnessVerdict = 'first';
  if (previous) {
    verdict = await compare(ctx, member, peer, previous, latest);
    if (verdict === 'forked')
      throw new PeerForkedError(`${member}'s log is not consistent with the checkpoint witnessed before`);
  }
  const witnessed = { verdict, size: latest.size, rootHash: latest.rootHash };
  if (verdict === 'unchanged') return witnessed;
  await ctx.db
    .insert(peerCheckpoints)
    .values({ member, ...latest })
    .onConflictDoNothing();
  const body = latest.note.slice(0, latest.note.indexOf('\n\n') + 1);
  const line = cosignCheckpoint(body, {
    name: witnessKeyName(ctx.member),
    privateKey: (await currentKey(ctx, 'witness')).privateKey,
  });
  await peer
    .post('checkpoint.cosign', '/fed/v1/log/cosignature', { size: latest.size, cosignature: line })
    .catch((error: Error) => {
      ctx.logger.warn({ peer: member, error: error.message }, 'cosignature not delivered');
    });
  return witnessed;
}

async function verifiedCheckpoint(ctx: NodeContext, member: string, note: string): Promise<PeerCheckpoint> {
  // A checkpoint carries no time, so one signed with a revoked log key cannot be told from a forgery made
  // with the stolen key: only keys in force may sign what this node witnesses and cosigns.
  const keys = await pinnedKeys(ctx.db, ctx.member, { role: 'log' });
  for (const kid of keys.kids()) {
    const pinned = keys.resolve(kid);
    if (pinned?.member !== member) continue;
    try {
      const { checkpoint } = verifyCheckpoint(note, {
        logKey: ed25519NoteVerifier(logOrigin(member), pinned.publicKey),
      });
      return { size: Number(checkpoint.size), rootHash: checkpoint.rootHash, note };
    } catch {}
  }
  throw new CheckpointKeyError(`${member}'s checkpoint is not signed by a log key pinned for it`);
}

async function compare(
  ctx: NodeContext,
  member: string,
  peer: PeerClient,
  previous: PeerCheckpoint,
  latest: PeerCheckpoint,
): Promise<WitnessVerdict> {
  if (latest.size === previous.size) {
    return hashesEqual(latest.rootHash, previous.rootHash)
      ? 'unchanged'
      : fork(ctx, member, previous, latest, 'same size, different roots');
  }
  const [older, newer] = latest.size > previous.size ? [previous, latest] : [latest, previous];
  if (older.size === 0) return latest.size > previous.size ? 'consistent' : 'unchanged';
  // A failed request (a proxy's 404, a rate limit, a token refused) proves nothing: the sync fails and is
  // retried. Nor does a served proof that fails to link the checkpoints: it is not signed, so a proxy or
  // anyone on the path could have served it. The sync fails, and no record of the peer is taken, until the
  // peer proves consistency; only two roots signed for one size mark it forked for good.
  const { hashes: proof } = await peer.get<{ hashes: string[] }>(
    'log.read',
    `/fed/v1/log/proof/consistency?from=${older.size}&to=${newer.size}`,
  );
  const ok = verifyConsistency({
    from: BigInt(older.size),
    to: BigInt(newer.size),
    proof: proof.map((h) => decodeBase64(h) ?? new Uint8Array()),
    oldRoot: older.rootHash,
    newRoot: newer.rootHash,
  });
  if (!ok) {
    throw new PeerInconsistentError(
      `${member}'s log is not consistent with the checkpoint witnessed before: no proof links size ${older.size} to ${newer.size}`,
    );
  }
  // A smaller checkpoint than one already witnessed is stale, not news: keep the larger one.
  return latest.size > previous.size ? 'consistent' : 'unchanged';
}

async function fork(
  ctx: NodeContext,
  member: string,
  earlier: PeerCheckpoint,
  later: PeerCheckpoint,
  proof: string,
): Promise<'forked'> {
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(forkEvidence)
      .values({ member, origin: logOrigin(member), earlierNote: earlier.note, laterNote: later.note, proof });
    await tx.update(members).set({ forkedAt: new Date().toISOString() }).where(eq(members.id, member));
  });
  ctx.logger.error(
    { peer: member, alert: 'log_forked', earlierSize: earlier.size, laterSize: later.size },
    'peer log forked: its records are no longer accepted',
  );
  return 'forked';
}
