import { SightlineError } from '../errors.js';

/** Why a peer token was refused. Stable codes: add new ones, never rename. */
export type PeerTokenErrorCode =
  | 'token_missing'
  | 'token_malformed'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'token_unknown_issuer'
  | 'token_unknown_key'
  | 'token_bad_signature'
  | 'token_bad_audience'
  | 'token_wrong_operation'
  | 'token_lifetime_too_long'
  | 'token_bad_type'
  | 'token_unsupported_alg';

// The token is valid and authenticates its caller, but not for this node or this operation (RFC 6750 3.1).
const FORBIDDEN: ReadonlySet<PeerTokenErrorCode> = new Set(['token_bad_audience', 'token_wrong_operation']);

/**
 * A refused peer token, ready to become an HTTP response: `status` (401, or 403 for a token meant for another
 * node or operation) and the RFC 6750 `WWW-Authenticate` value to send with it.
 */
export class PeerTokenError extends SightlineError {
  declare readonly code: PeerTokenErrorCode;
  readonly status: 401 | 403;
  readonly wwwAuthenticate: string;

  constructor(code: PeerTokenErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'PeerTokenError';
    this.status = FORBIDDEN.has(code) ? 403 : 401;
    this.wwwAuthenticate = bearerChallenge(code, message);
  }
}

function bearerChallenge(code: PeerTokenErrorCode, message: string): string {
  // RFC 6750 3.1: a request without credentials gets the bare challenge, with no error code.
  if (code === 'token_missing') return 'Bearer';
  const error = FORBIDDEN.has(code) ? 'insufficient_scope' : 'invalid_token';
  return `Bearer error="${error}", error_description="${quotable(message)}"`;
}

// error_description allows %x20-21 / %x23-5B / %x5D-7E only (RFC 6750 3).
function quotable(text: string): string {
  return text.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '?');
}
