import { ED25519_JWS_ALGS } from '../keys/jwk.js';
import { RECORD_TYP } from './jws.js';
import type { RecordFailureCode } from './types.js';

/** A record JWS header: exactly these three members, nothing else (no crit, jku, jwk, x5u, b64, ...). */
export interface RecordHeader {
  alg: string;
  kid: string;
  typ: string;
}

const HEADER_MEMBERS = ['alg', 'kid', 'typ'] as const;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Checks a decoded JWS header: shape, then alg allow-list, then typ. */
export function checkRecordHeader(
  bytes: Uint8Array,
): { ok: true; header: RecordHeader } | { ok: false; code: RecordFailureCode; message: string } {
  let header: unknown;
  try {
    header = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return { ok: false, code: 'bad_header', message: 'JWS header is not UTF-8 JSON' };
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return { ok: false, code: 'bad_header', message: 'JWS header is not a JSON object' };
  }
  const members = Object.keys(header);
  const extra = members.find((name) => !(HEADER_MEMBERS as readonly string[]).includes(name));
  if (extra !== undefined) {
    return {
      ok: false,
      code: 'bad_header',
      message: `JWS header member "${extra.slice(0, 32)}" is not allowed`,
    };
  }
  const fields = header as Record<string, unknown>;
  const missing = HEADER_MEMBERS.find((name) => typeof fields[name] !== 'string');
  if (missing !== undefined) {
    return { ok: false, code: 'bad_header', message: `JWS header needs a string "${missing}"` };
  }
  const { alg, kid, typ } = fields as unknown as RecordHeader;
  if (!ED25519_JWS_ALGS.includes(alg)) {
    return {
      ok: false,
      code: 'unsupported_alg',
      message: `alg "${alg.slice(0, 32)}" is not accepted (Ed25519 only)`,
    };
  }
  if (typ !== RECORD_TYP) {
    return { ok: false, code: 'bad_typ', message: `typ must be "${RECORD_TYP}"` };
  }
  return { ok: true, header: { alg, kid, typ } };
}
