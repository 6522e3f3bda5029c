import { and, desc, eq, gt, isNotNull } from 'drizzle-orm';
import type { LogInclusion, ProvenanceBundle } from '../../schemas/api/provenance.js';
import { createPeerClient } from '../../sdk/client/peer-client.js';
import { encodeBase64, type PublicJwk, publicJwk } from '../../sdk/keys/index.js';
import { decodeRecordJws } from '../../sdk/record/index.js';
import type { NodeContext } from '../context.js';
import {
  logCheckpoints,
  logCosignatures,
  memberKeys,
  members,
  nodeKeys,
  peerCheckpoints,
  recordReceipts,
} from '../db/schema.js';
import { notFound } from '../http/problem.js';
import { currentCheckpoint, latestCheckpoint } from '../log/checkpoint.js';
import { cosignedNote } from '../log/cosignatures.js';
import { leafOfRecord } from '../log/leaves.js';
import { logOrigin } from '../log/names.js';
import { inclusionProof } from '../log/proofs.js';
import { currentKey } from '../node/keys.js';
import { keyThatSignedNote } from './note-signer-key.js';
import { readRecord } from './read.js';

/** Everything an auditor needs to verify a record offline; see sdk/log/verify-provenance.ts. */
export async function buildProvenance(ctx: NodeContext, id: string): Promise<ProvenanceBundle> {
  const view = await readRecord(ctx, id);
  const kid = decodeRecordJws(view.jws)?.kid ?? '';
  const leaf = await leafOfRecord(ctx.db, id);
  if (!leaf) throw notFound('log leaf', `record ${id} has no leaf in this node's log`);
  await currentCheckpoint(ctx);
  const size = await bestCheckpointSize(ctx, Number(leaf.index));
  const checkpoint = (await latestCheckpointOfSize(ctx, size)) ?? (await latestCheckpoint(ctx.db));
  if (!checkpoint) throw notFound('checkpoint', 'the log has no checkpoint yet');
  const hashes = await inclusionProof(ctx.db, leaf.index, checkpoint.size);
  const receipts = await ctx.db
    .select()
    .from(recordReceipts)
    .where(eq(recordReceipts.recordId, id))
    .orderBy(recordReceipts.receivedAt);
  const notes: string[] = [];
  const ownKey = await ownLogKey(ctx, checkpoint.note);
  if (!ownKey)
    notes.push(`none of ${ctx.member}'s log keys verifies its checkpoint of size ${checkpoint.size}`);
  const bundle: ProvenanceBundle = {
    version: 1,
    record: { id, jws: view.jws },
    author: { member: view.author, key: await keyJwk(ctx, kid) },
    node: { member: ctx.member, logKey: ownKey ?? publicJwk((await currentKey(ctx, 'log')).publicKey) },
    hop: {
      from: view.receivedFrom,
      receivedAt: view.receivedAt,
      receipts: receipts.map((r) => ({
        from: r.from,
        receivedAt: new Date(r.receivedAt).toISOString(),
        senderSeq: r.senderSeq,
      })),
    },
    log: {
      member: ctx.member,
      origin: logOrigin(ctx.member),
      leaf: encodeBase64(Buffer.from(leaf.leaf, 'utf8')),
      leafIndex: Number(leaf.index),
      treeSize: Number(checkpoint.size),
      hashes: hashes.map(encodeBase64),
      checkpoint: await cosignedNote(ctx.db, checkpoint),
    },
    notes,
  };
  if (view.receivedFrom !== 'self') {
    const receipt = receipts.find((r) => r.from === view.receivedFrom);
    const senderSeq = receipt?.senderSeq;
    const stored = receipt ? await inclusionKeptAtSync(ctx, receipt) : undefined;
    const upstream =
      stored ??
      (senderSeq == null
        ? undefined
        : await upstreamInclusion(ctx, view.receivedFrom, senderSeq).catch((error: Error) => {
            notes.push(`upstream proof from ${view.receivedFrom} unavailable: ${error.message}`);
            return undefined;
          }));
    if (upstream) bundle.upstream = upstream;
    else if (senderSeq == null)
      notes.push(`${view.receivedFrom} delivered the record by push: no feed position to prove`);
  }
  return bundle;
}

/** Prefer the largest checkpoint covering the leaf that witnesses have cosigned. */
async function bestCheckpointSize(ctx: NodeContext, index: number): Promise<number | undefined> {
  const [row] = await ctx.db
    .select({ size: logCosignatures.checkpointSize })
    .from(logCosignatures)
    .where(gt(logCosignatures.checkpointSize, index))
    .orderBy(desc(logCosignatures.checkpointSize))
    .limit(1);
  return row?.size;
}

async function latestCheckpointOfSize(ctx: NodeContext, size: number | undefined) {
  if (size === undefined) return undefined;
  const [row] = await ctx.db.select().from(logCheckpoints).where(eq(logCheckpoints.size, size));
  return row
    ? { size: BigInt(row.size), rootHash: row.rootHash, note: row.note, createdAt: row.createdAt }
    : undefined;
}

async function keyJwk(ctx: NodeContext, kid: string): Promise<PublicJwk> {
  const [own] = await ctx.db.select({ jwk: nodeKeys.publicJwk }).from(nodeKeys).where(eq(nodeKeys.kid, kid));
  const [theirs] = own
    ? []
    : await ctx.db.select({ jwk: memberKeys.jwk }).from(memberKeys).where(eq(memberKeys.kid, kid));
  const jwk = (own?.jwk ?? theirs?.jwk) as PublicJwk | undefined;
  if (!jwk) throw notFound('key', `no key ${kid}`);
  return jwk;
}

/**
 * The proof kept when the record was pulled: its leaf and inclusion proof in the sender's log, against the
 * sender's checkpoint it was verified under then (stored when witnessed), so auditors need not reach the
 * sender now.
 */
async function inclusionKeptAtSync(
  ctx: NodeContext,
  receipt: typeof recordReceipts.$inferSelect,
): Promise<(LogInclusion & { logKey: PublicJwk }) | undefined> {
  const { from: member, senderSeq, senderTreeSize, senderLeaf, senderProof } = receipt;
  if (senderSeq == null || senderTreeSize == null || senderLeaf == null || senderProof == null)
    return undefined;
  const [witnessed] = await ctx.db
    .select({ note: peerCheckpoints.note })
    .from(peerCheckpoints)
    .where(and(eq(peerCheckpoints.member, member), eq(peerCheckpoints.size, senderTreeSize)));
  if (!witnessed) return undefined;
  // No held key verifying the kept note leaves the bundle to ask the sender for a fresh proof instead.
  const logKey = await memberLogKey(ctx, member, witnessed.note);
  if (!logKey) return undefined;
  const proof = Buffer.from(senderProof);
  const hashes = Array.from({ length: proof.length / 32 }, (_, i) => proof.subarray(i * 32, i * 32 + 32));
  return {
    member,
    origin: logOrigin(member),
    leaf: encodeBase64(Buffer.from(senderLeaf, 'utf8')),
    leafIndex: senderSeq,
    treeSize: senderTreeSize,
    hashes: hashes.map(encodeBase64),
    checkpoint: witnessed.note,
    logKey,
  };
}

/** This node's log key that signed `note`: an older checkpoint may predate a rotation of the key. */
async function ownLogKey(ctx: NodeContext, note: string): Promise<PublicJwk | undefined> {
  const rows = await ctx.db
    .select({ jwk: nodeKeys.publicJwk })
    .from(nodeKeys)
    .where(eq(nodeKeys.role, 'log'))
    .orderBy(nodeKeys.kid);
  return keyThatSignedNote(
    note,
    ctx.member,
    rows.map((row) => row.jwk as PublicJwk),
  );
}

/** The log key of `member` this node holds that signed `note`. */
async function memberLogKey(ctx: NodeContext, member: string, note: string): Promise<PublicJwk | undefined> {
  const rows = await ctx.db
    .select({ jwk: memberKeys.jwk })
    .from(memberKeys)
    .where(and(eq(memberKeys.member, member), eq(memberKeys.role, 'log'), isNotNull(memberKeys.jwk)))
    .orderBy(memberKeys.kid);
  return keyThatSignedNote(
    note,
    member,
    rows.map((row) => row.jwk as PublicJwk),
  );
}

/** The delivering node's proof for the record, against the latest of its checkpoints this node witnessed. */
async function upstreamInclusion(
  ctx: NodeContext,
  member: string,
  senderSeq: number,
): Promise<LogInclusion & { logKey: PublicJwk }> {
  const [witnessed] = await ctx.db
    .select()
    .from(peerCheckpoints)
    .where(and(eq(peerCheckpoints.member, member), gt(peerCheckpoints.size, senderSeq)))
    .orderBy(desc(peerCheckpoints.size))
    .limit(1);
  if (!witnessed)
    throw new Error(`no witnessed checkpoint of ${member} covers its sequence ${senderSeq} yet`);
  const [peer] = await ctx.db.select().from(members).where(eq(members.id, member));
  if (!peer?.url) throw new Error(`${member} has no URL`);
  const client = createPeerClient({
    baseUrl: peer.url,
    issuer: ctx.member,
    audience: member,
    key: await currentKey(ctx, 'peer'),
  });
  const proof = await client.get<{ leafIndex: number; treeSize: number; leaf: string; hashes: string[] }>(
    'log.read',
    `/fed/v1/log/proof/inclusion?index=${senderSeq}&size=${witnessed.size}`,
  );
  const logKey = await memberLogKey(ctx, member, witnessed.note);
  if (!logKey)
    throw new Error(`no log key of ${member} held signed its checkpoint of size ${witnessed.size}`);
  return { member, origin: logOrigin(member), ...proof, checkpoint: witnessed.note, logKey };
}
