// Strict decoders: exactly one text per byte string, so no two encodings of one signature or key exist.

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes unpadded base64url (RFC 4648 section 5); undefined unless `text` is its canonical encoding.
 *
 * @example
 * decodeBase64Url('AQI'); // <Buffer 01 02>
 * decodeBase64Url('AQI='); // undefined
 */
export function decodeBase64Url(text: string): Buffer | undefined {
  const rest = text.length % 4;
  if (rest === 1 || !BASE64URL.test(text)) return undefined;
  // The unused low bits of the last character must be zero (RFC 4648 section 3.5).
  if (rest !== 0) {
    const mask = rest === 2 ? 0x0f : 0x03;
    if ((base64UrlValue(text.charCodeAt(text.length - 1)) & mask) !== 0) return undefined;
  }
  return Buffer.from(text, 'base64url');
}

/**
 * Unpadded base64url of `bytes`.
 *
 * @example
 * encodeBase64Url(Uint8Array.of(1, 2)); // 'AQI'
 */
export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Decodes padded standard base64 (RFC 4648 section 4); undefined unless `text` is its canonical encoding.
 *
 * @example
 * decodeBase64('AQI='); // <Buffer 01 02>
 * decodeBase64('AQI'); // undefined
 */
export function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/**
 * Padded standard base64 of `bytes`.
 *
 * @example
 * encodeBase64(Uint8Array.of(1, 2)); // 'AQI='
 */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function base64UrlValue(code: number): number {
  if (code >= 65 && code <= 90) return code - 65; // A-Z
  if (code >= 97 && code <= 122) return code - 71; // a-z
  if (code >= 48 && code <= 57) return code + 4; // 0-9
  return code === 45 ? 62 : 63; // '-' or '_'
}
