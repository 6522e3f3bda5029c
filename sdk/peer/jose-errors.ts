import { errors } from 'jose';
import { PeerTokenError } from './token-error.js';

/** Translates what jwtVerify throws into a PeerTokenError; anything that is not a JOSE error is rethrown. */
export function peerTokenErrorFromJose(error: unknown): PeerTokenError {
  if (error instanceof errors.JWTExpired)
    return new PeerTokenError('token_expired', 'token has expired', { cause: error });
  if (error instanceof errors.JWTClaimValidationFailed) return fromClaimFailure(error);
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new PeerTokenError('token_bad_signature', 'signature does not verify with the pinned key', {
      cause: error,
    });
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new PeerTokenError('token_unsupported_alg', 'alg must be Ed25519 or EdDSA', { cause: error });
  }
  if (error instanceof errors.JOSEError) {
    return new PeerTokenError('token_malformed', 'not a well-formed JWT', { cause: error });
  }
  throw error;
}

function fromClaimFailure(error: InstanceType<typeof errors.JWTClaimValidationFailed>): PeerTokenError {
  const cause = { cause: error };
  if (error.reason === 'missing' || error.reason === 'invalid') {
    return new PeerTokenError('token_malformed', `claim ${error.claim} is missing or invalid`, cause);
  }
  switch (error.claim) {
    case 'iat':
    case 'nbf':
      return new PeerTokenError('token_not_yet_valid', 'token is issued in the future', cause);
    case 'typ':
      return new PeerTokenError('token_bad_type', 'typ is not sightline-peer+jwt', cause);
    case 'aud':
      return new PeerTokenError('token_bad_audience', 'token is for another node', cause);
    case 'iss':
      return new PeerTokenError('token_unknown_issuer', 'issuer is not the expected member', cause);
    default:
      return new PeerTokenError('token_malformed', `claim ${error.claim} failed validation`, cause);
  }
}
