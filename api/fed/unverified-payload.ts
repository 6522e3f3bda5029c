import { decodeBase64Url } from '../../sdk/keys/index.js';

/** A JWS's payload as a JSON object, read WITHOUT verifying it: to count or group, never to trust. */
export function unverifiedPayload(jws: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64Url(jws.split('.')[1] ?? '');
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
