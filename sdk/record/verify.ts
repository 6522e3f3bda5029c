import { verify } from 'node:crypto';
import { signedRecordSchema } from '../../schemas/record.js';
import { parseCanonicalJson } from '../canonical.js';
import { isEd25519 } from '../keys/ed25519.js';
import { checkRecordHeader } from './header.js';
import { recordId, splitCompactJws } from './jws.js';
import type {
  PublicKeyResolver,
  RecordFailure,
  RecordFailureCode,
  RecordVerification,
  VerifyRecordOptions,
} from './types.js';

/**
 * Verifies a record JWS. Fails closed and never throws: every bad input gives `{ ok: false, code }`.
 *
 * Checks, in order: three strict base64url parts (`malformed_jws`); a header with exactly alg, kid, typ
 * (`bad_header`); alg Ed25519 or EdDSA (`unsupported_alg`); our typ (`bad_typ`); kid pinned
 * (`unknown_kid`); Ed25519 signature over `header.payload` (`bad_signature`); payload in RFC 8785 form
 * (`not_canonical`); payload valid under signedRecordSchema (`invalid_payload`); record.author is the
 * member the key is pinned for (`author_mismatch`); a key with `revokedSince` only when `options.loggedAt` is
 * strictly before that instant (`key_revoked`; times compared with Date.parse, so an unparseable one, or no
 * `loggedAt`, refuses the record). Failures carry `id` once the payload decodes, and `kid` for `unknown_kid`
 * and `key_revoked`.
 *
 * A revoked key may be in a thief's hands, so what it signed counts only with a trusted time of logging
 * before the revocation's start (DESIGN.md, decision 4): pass `loggedAt` only from a source you verified,
 * such as a log leaf under a checkpoint you checked, never from the record itself.
 *
 * @example
 * const result = verifyRecord(jws, pinned.resolve);
 * if (!result.ok) return reject(result.code, result.message);
 * store(result.id, result.record, jws);
 *
 * @example
 * // The author's log leaf for the record, whose inclusion was verified, says when it was first logged.
 * const result = verifyRecord(jws, federation.records.resolve, { loggedAt: authorLeaf.at });
 * if (!result.ok && result.code === 'key_revoked') console.warn(`${result.kid} was revoked before it was logged`);
 */
export function verifyRecord(
  jws: string,
  resolveKey: PublicKeyResolver,
  options: VerifyRecordOptions = {},
): RecordVerification {
  const parts = splitCompactJws(jws);
  if (!parts) return failure(jws, undefined, 'malformed_jws', 'not a compact JWS of three base64url parts');
  const id = recordId(parts.payload);

  const checked = checkRecordHeader(parts.header);
  if (!checked.ok) return failure(jws, id, checked.code, checked.message);
  const { kid } = checked.header;

  let pinned: ReturnType<PublicKeyResolver>;
  try {
    pinned = resolveKey(kid);
  } catch {
    pinned = undefined;
  }
  if (!pinned || !isEd25519(pinned.publicKey, 'public')) {
    return {
      ...failure(jws, id, 'unknown_kid', `kid "${kid.slice(0, 64)}" is not a pinned Ed25519 key`),
      kid,
    };
  }

  if (
    parts.signature.length !== 64 ||
    !verifySignature(parts.signingInput, pinned.publicKey, parts.signature)
  ) {
    return failure(jws, id, 'bad_signature', 'Ed25519 signature does not verify');
  }

  const parsed = parseCanonicalJson(parts.payload);
  if (!parsed) return failure(jws, id, 'not_canonical', 'payload is not RFC 8785 canonical UTF-8 JSON');

  const result = signedRecordSchema.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'record';
    return failure(jws, id, 'invalid_payload', `${where}: ${issue?.message ?? 'invalid record'}`);
  }
  const record = result.data;
  if (record.author !== pinned.member) {
    return failure(
      jws,
      id,
      'author_mismatch',
      `record author ${record.author} is not the key's member ${pinned.member}`,
    );
  }
  if (pinned.revokedSince !== undefined && !loggedBefore(options.loggedAt, pinned.revokedSince)) {
    const when =
      options.loggedAt === undefined ? 'no trusted time of logging' : `logged at ${options.loggedAt}`;
    return {
      ...failure(jws, id, 'key_revoked', `key ${kid} is revoked since ${pinned.revokedSince} (${when})`),
      kid,
    };
  }
  return { ok: true, id, author: record.author, kid, record, jws };
}

/** Strictly earlier as instants; NaN (an unparseable time on either side) compares false, so it refuses. */
function loggedBefore(loggedAt: string | undefined, revokedSince: string): boolean {
  return loggedAt !== undefined && Date.parse(loggedAt) < Date.parse(revokedSince);
}

function verifySignature(
  signingInput: string,
  publicKey: Parameters<typeof verify>[2],
  signature: Buffer,
): boolean {
  try {
    return verify(null, Buffer.from(signingInput, 'latin1'), publicKey, signature);
  } catch {
    return false;
  }
}

function failure(
  jws: string,
  id: string | undefined,
  code: RecordFailureCode,
  message: string,
): RecordFailure {
  return id === undefined ? { ok: false, jws, code, message } : { ok: false, id, jws, code, message };
}
