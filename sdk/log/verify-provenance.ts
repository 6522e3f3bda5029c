import type { KeyObject } from 'node:crypto';
import type { LogInclusion, ProvenanceBundle } from '../../schemas/api/provenance.js';
import type { SignedRecord } from '../../schemas/record.js';
import { decodeBase64 } from '../keys/base64.js';
import type { PublicKeyResolver } from '../record/types.js';
import { verifyRecord } from '../record/verify.js';
import { cosignatureVerifier } from './cosignature.js';
import { logOrigin, witnessKeyName } from './names.js';
import { ed25519NoteVerifier } from './note-keys.js';
import { verifyCheckpoint } from './verify-checkpoint.js';
import { verifyInclusion } from './verify-inclusion.js';

export interface ProvenanceTrust {
  /** Pinned record keys: kid -> author member (e.g. `PinnedKeySet.resolve`). */
  recordKeys: PublicKeyResolver;
  /** Pinned log public keys of a member (current and retired). */
  logKeys: (member: string) => readonly KeyObject[];
  /** Pinned witness keys, and how many distinct witnesses must have cosigned this node's checkpoint. */
  witnesses?: ReadonlyArray<{ member: string; publicKey: KeyObject }>;
  requiredWitnesses?: number;
}

export interface ProvenanceStep {
  step: string;
  ok: boolean;
  detail: string;
}

export interface ProvenanceVerdict {
  ok: boolean;
  steps: ProvenanceStep[];
  record?: SignedRecord;
}

/**
 * Verifies a provenance bundle offline, with nothing but the bundle and pinned public keys: the author's
 * signature and the record id, the leaf that logged it, this node's signed (and cosigned) checkpoint and
 * the inclusion proof, and, for a relayed record, the delivering node's log proof. Fails closed: `ok` is
 * true only when every step passed.
 *
 * A record signed with a key pinned as revoked (`revokedSince`) passes the `author signature` step only when
 * the bundle proves the author logged it before the revocation's start: the author's own leaf for it (this
 * node's, when the node wrote the record; else the delivering node's, when that is the author and its leaf
 * says `from: "self"`) says when, and that time counts only once the leaf's inclusion under a checkpoint
 * signed by the author's log key verified. Anything else (a relay's leaf, a bundle without the upstream
 * proof) leaves such a record refused with `key_revoked`. The steps keep their order whatever was checked
 * first.
 *
 * @example
 * const federation = loadFederation(file, jwks);
 * const verdict = verifyProvenance(bundle, { recordKeys: federation.records.resolve, logKeys: (m) => federation.log.keysOf(m) });
 * for (const s of verdict.steps) console.log(s.ok ? 'ok  ' : 'FAIL', s.step, s.detail);
 *
 * @example
 * // With members' revocations: a record signed with a revoked key verifies only if its author logged it first.
 * const federation = await loadFederationWithAnnouncements(file, served.keys, served.announcements);
 * const verdict = verifyProvenance(bundle, { recordKeys: federation.records.resolve, logKeys: (m) => federation.log.keysOf(m) });
 */
export function verifyProvenance(bundle: ProvenanceBundle, trust: ProvenanceTrust): ProvenanceVerdict {
  const steps: ProvenanceStep[] = [];
  const check = (step: string, ok: boolean, detail: string) => {
    steps.push({ step, ok, detail });
    return ok;
  };

  // Everything but a revocation of the key first: the logs are matched to the record's id and author, and
  // only a leaf whose inclusion then verified may say when the author logged it.
  const signed = verifyRecord(bundle.record.jws, withoutRevocation(trust.recordKeys));
  if (!signed.ok) {
    check('author signature', false, `${signed.code}: ${signed.message}`);
    return { ok: false, steps };
  }
  const leafCheck = (log: LogInclusion, label: string, from?: string) => {
    const leaf = parseLeaf(log.leaf);
    const ok =
      !!leaf &&
      leaf.type === 'record' &&
      leaf.id === signed.id &&
      leaf.author === signed.author &&
      (from === undefined || leaf.from === from);
    check(
      `${label}: leaf`,
      ok,
      ok
        ? `leaf ${log.leafIndex} logs record ${signed.id.slice(0, 12)}… from ${leaf?.from}`
        : 'the leaf does not log this record',
    );
    return ok ? leaf : undefined;
  };
  /** The `at` of the author's own leaf, when the leaf matched and its log verified. */
  let authorLoggedAt: string | undefined;
  const nodeLeaf = leafCheck(bundle.log, `${bundle.node.member} log`, bundle.hop.from);
  const nodeLog = verifyLog(
    bundle.log,
    bundle.node.member,
    trust,
    check,
    trust.witnesses,
    trust.requiredWitnesses,
  );
  if (bundle.hop.from === 'self') {
    // Only the author's own node logs a record as its own; any other node must name who delivered it.
    const own = check(
      'hop',
      signed.author === bundle.node.member,
      signed.author === bundle.node.member
        ? `${bundle.node.member} wrote the record`
        : `${bundle.node.member} logs ${signed.author}'s record as its own`,
    );
    if (own && nodeLog) authorLoggedAt = timeOf(nodeLeaf);
  } else if (!bundle.upstream) {
    check('upstream log', false, `relayed by ${bundle.hop.from} but the bundle has no upstream proof`);
  } else if (bundle.upstream.member !== bundle.hop.from) {
    check(
      'upstream log',
      false,
      `relayed by ${bundle.hop.from} but the upstream proof is ${bundle.upstream.member}'s log`,
    );
  } else {
    // One hop up, the same rule: only the author's log may say it wrote the record.
    const upstreamOwn = bundle.upstream.member === signed.author;
    const upstreamLeaf = leafCheck(
      bundle.upstream,
      `${bundle.upstream.member} log`,
      upstreamOwn ? 'self' : undefined,
    );
    if (!upstreamOwn && parseLeaf(bundle.upstream.leaf)?.from === 'self')
      check('upstream hop', false, `${bundle.upstream.member} logs ${signed.author}'s record as its own`);
    const upstreamLog = verifyLog(bundle.upstream, bundle.upstream.member, trust, check);
    if (upstreamOwn && upstreamLog) authorLoggedAt = timeOf(upstreamLeaf);
  }

  // Only a revoked key calls for a second verification, now with the author's proven time of logging.
  // The resolver just answered for this kid (withoutRevocation), so it is asked again only for the mark.
  const revokedSince = trust.recordKeys(signed.kid)?.revokedSince;
  const verified =
    revokedSince === undefined
      ? signed
      : verifyRecord(
          bundle.record.jws,
          trust.recordKeys,
          authorLoggedAt === undefined ? {} : { loggedAt: authorLoggedAt },
        );
  const revocationNote =
    revokedSince === undefined
      ? ''
      : `; the key is revoked since ${revokedSince}, the author logged it at ${authorLoggedAt}`;
  steps.unshift({
    step: 'author signature',
    ok: verified.ok && verified.id === bundle.record.id,
    detail: verified.ok
      ? `signed by ${verified.author} with key ${verified.kid}; id is SHA-256 of the payload${revocationNote}`
      : `${verified.code}: ${verified.message}`,
  });
  const ok = steps.every((s) => s.ok);
  return verified.ok ? { ok, steps, record: verified.record } : { ok, steps };
}

function timeOf(leaf: { at?: unknown } | undefined): string | undefined {
  return typeof leaf?.at === 'string' ? leaf.at : undefined;
}

/** The resolver with revocations left out: for checking all of a record but the revocation of its key. */
function withoutRevocation(resolve: PublicKeyResolver): PublicKeyResolver {
  return (kid) => {
    const key = resolve(kid);
    return key && { member: key.member, publicKey: key.publicKey };
  };
}

function verifyLog(
  log: LogInclusion,
  member: string,
  trust: ProvenanceTrust,
  check: (step: string, ok: boolean, detail: string) => void,
  witnesses?: ProvenanceTrust['witnesses'],
  requiredWitnesses?: number,
): boolean {
  const label = `${member} log`;
  if (log.member !== member || log.origin !== logOrigin(member)) {
    check(`${label}: checkpoint`, false, `origin ${log.origin} is not ${logOrigin(member)}`);
    return false;
  }
  let root: Uint8Array | undefined;
  let detail = `no pinned log key of ${member} signed it`;
  for (const key of trust.logKeys(member)) {
    try {
      const { checkpoint, cosignatures } = verifyCheckpoint(log.checkpoint, {
        logKey: ed25519NoteVerifier(logOrigin(member), key),
        witnesses: (witnesses ?? []).map((w) => cosignatureVerifier(witnessKeyName(w.member), w.publicKey)),
        requiredWitnesses: requiredWitnesses ?? 0,
      });
      if (checkpoint.size !== BigInt(log.treeSize)) {
        detail = `checkpoint size ${checkpoint.size} is not the proof's tree size ${log.treeSize}`;
        break;
      }
      root = checkpoint.rootHash;
      detail = `size ${checkpoint.size} signed by ${member}'s log key${cosignatures.length ? `, cosigned by ${cosignatures.map((c) => c.name).join(', ')}` : ''}`;
      break;
    } catch (error) {
      detail = (error as Error).message;
    }
  }
  check(`${label}: checkpoint`, root !== undefined, detail);
  if (!root) return false;
  const leaf = decodeBase64(log.leaf);
  const proof = log.hashes.map((h) => decodeBase64(h) ?? new Uint8Array());
  const included = !!leaf && verifyInclusion({ leaf, index: log.leafIndex, size: log.treeSize, proof, root });
  check(
    `${label}: inclusion`,
    included,
    included
      ? `leaf ${log.leafIndex} is in the tree of ${log.treeSize}`
      : 'the inclusion proof does not verify',
  );
  return included;
}

function parseLeaf(
  base64: string,
): { type?: string; id?: string; author?: string; from?: string; at?: unknown } | undefined {
  try {
    const bytes = decodeBase64(base64);
    return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as { type?: string }) : undefined;
  } catch {
    return undefined;
  }
}
