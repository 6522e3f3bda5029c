/** The JWS `typ` of a peer token; any other typ (JWT, a record's typ, ...) is refused. */
export const PEER_TOKEN_TYP = 'sightline-peer+jwt';

/** Longest accepted `exp - iat` (DESIGN.md protocol 5: at most 5 minutes). */
export const MAX_PEER_TOKEN_LIFETIME_SECONDS = 300;

/** The claims a peer token carries: exactly these, all required. */
export const PEER_TOKEN_CLAIMS = ['iss', 'aud', 'iat', 'exp', 'jti', 'op'] as const;

// At least 16 bytes (22 base64url characters); the upper bound keeps replay-store keys small.
export const JTI_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
