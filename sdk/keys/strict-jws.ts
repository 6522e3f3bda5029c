import { decodeProtectedHeader } from 'jose';
import { parseCanonicalJson } from '../canonical.js';

/**
 * Key announcements are relayed by every node and counted per member, so one member must not be able to
 * make them large, nor make one readable to jose and not to whoever counts it (an unencoded payload,
 * `b64: false`): the protected header holds alg, kid and typ only, and the whole JWS is at most `maxLength`.
 * Throws an Error naming the problem.
 */
export function checkStrictHeader(jws: string, maxLength: number): { kid: string; typ: unknown } {
  if (jws.length > maxLength) throw new Error(`longer than ${maxLength} characters`);
  const header = decodeProtectedHeader(jws);
  if (Object.keys(header).sort().join(',') !== 'alg,kid,typ' || typeof header.kid !== 'string')
    throw new Error('the protected header must hold alg, kid and typ, and nothing else');
  return { kid: header.kid, typ: header.typ };
}

/** The payload's JSON value when it is canonical (RFC 8785), as signing writes it; else throws. */
export function canonicalPayload(payload: Uint8Array): unknown {
  const parsed = parseCanonicalJson(payload);
  if (!parsed) throw new Error('the payload is not canonical JSON');
  return parsed.value;
}
