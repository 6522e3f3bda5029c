import type { KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { canonicalJson, parseCanonicalJson } from '../canonical.js';
import { decodeBase64Url } from './base64.js';

/**
 * Key announcements are relayed by every node, stored and compared as text, and counted per member. So there
 * must be one text per announcement, and a small one: each part canonical base64url (jose's decoder would
 * also take whitespace, padding or stray low bits in the signature, letting anyone who relays an announcement
 * make many of it), a protected header of alg, kid and typ alone in canonical JSON (no unencoded payload,
 * `b64: false`), and at most `maxLength` characters in all. Throws an Error naming the problem.
 */
export function checkStrictHeader(jws: string, maxLength: number): { kid: string; typ: unknown } {
  if (jws.length > maxLength) throw new Error(`longer than ${maxLength} characters`);
  const parts = jws.split('.');
  const decoded = parts.map(decodeBase64Url);
  if (parts.length !== 3 || decoded.some((bytes) => bytes === undefined || bytes.length === 0))
    throw new Error('not three parts of canonical base64url');
  const header = parseCanonicalJson(decoded[0] as Uint8Array)?.value as Record<string, unknown> | undefined;
  if (!header || Object.keys(header).join(',') !== 'alg,kid,typ' || typeof header.kid !== 'string')
    throw new Error('the protected header must be canonical JSON of alg, kid and typ, and nothing else');
  return { kid: header.kid, typ: header.typ };
}

/** The payload's JSON value when it is canonical (RFC 8785), as signing writes it; else throws. */
export function canonicalPayload(payload: Uint8Array): unknown {
  const parsed = parseCanonicalJson(payload);
  if (!parsed) throw new Error('the payload is not canonical JSON');
  return parsed.value;
}

/** Signs `value` as canonical JSON with an Ed25519 key, the header alg, kid and typ alone: the strict form. */
export function signStrictJws(
  value: unknown,
  typ: string,
  signer: { kid: string; privateKey: KeyObject },
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(canonicalJson(value)))
    .setProtectedHeader({ alg: 'Ed25519', kid: signer.kid, typ })
    .sign(signer.privateKey);
}
