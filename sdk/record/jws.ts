import { createHash } from 'node:crypto';
import { decodeBase64Url } from '../keys/base64.js';

/** The JWS `typ` of a Sightline record. */
export const RECORD_TYP = 'sightline-record+jws';

/** The decoded parts of a compact JWS; `signingInput` is the ASCII `header.payload` the signature covers. */
export interface CompactJwsParts {
  header: Buffer;
  payload: Buffer;
  signature: Buffer;
  signingInput: string;
}

/** Splits a compact JWS into three strictly base64url-decoded parts, or undefined when it is malformed. */
export function splitCompactJws(jws: unknown): CompactJwsParts | undefined {
  if (typeof jws !== 'string') return undefined;
  const first = jws.indexOf('.');
  const second = jws.indexOf('.', first + 1);
  if (first <= 0 || second <= first + 1 || second === jws.length - 1 || jws.indexOf('.', second + 1) !== -1) {
    return undefined;
  }
  const header = decodeBase64Url(jws.slice(0, first));
  const payload = decodeBase64Url(jws.slice(first + 1, second));
  const signature = decodeBase64Url(jws.slice(second + 1));
  if (!header || !payload || !signature) return undefined;
  return { header, payload, signature, signingInput: jws.slice(0, second) };
}

/**
 * Record id: lowercase hex SHA-256 of the payload bytes (not of the JWS string).
 *
 * @example
 * recordId(Buffer.from(payload, 'utf8')); // equals signRecord(...).id
 */
export function recordId(payload: Uint8Array): string {
  return createHash('sha256').update(payload).digest('hex');
}

/** What decodeRecordJws can tell without any key. None of it is trusted. */
export interface DecodedRecordJws {
  id: string;
  /** The header `kid`, when the header is a JSON object with a string kid. */
  kid?: string;
  /** The payload as text. */
  payload: string;
  /** JSON.parse of the payload: unverified and unvalidated. */
  value: unknown;
}

/**
 * Decodes a record JWS without verifying anything, e.g. to read the claimed author before choosing keys.
 * Never a trust decision: use verifyRecord for that. Returns undefined when the JWS or payload is malformed.
 *
 * @example
 * const claimed = decodeRecordJws(jws);
 * const author = (claimed?.value as { author?: string } | undefined)?.author;
 */
export function decodeRecordJws(jws: string): DecodedRecordJws | undefined {
  const parts = splitCompactJws(jws);
  if (!parts) return undefined;
  const payload = parseJson(parts.payload);
  if (!payload) return undefined;
  const kid = (parseJson(parts.header)?.value as { kid?: unknown } | null | undefined)?.kid;
  return {
    id: recordId(parts.payload),
    ...(typeof kid === 'string' ? { kid } : {}),
    payload: payload.text,
    value: payload.value,
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function parseJson(bytes: Uint8Array): { text: string; value: unknown } | undefined {
  try {
    const text = strictUtf8.decode(bytes);
    return { text, value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}
