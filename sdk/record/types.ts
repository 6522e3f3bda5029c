import type { SignedRecord } from '../../schemas/record.js';

/** Why a record failed verification. Stable codes; see sdk/record/verify.ts. */
export type RecordFailureCode =
  | 'malformed_jws'
  | 'bad_header'
  | 'unsupported_alg'
  | 'bad_typ'
  | 'unknown_kid'
  | 'bad_signature'
  | 'not_canonical'
  | 'invalid_payload'
  | 'author_mismatch'
  | 'key_revoked';

/** A record whose signature, canonical form and schema all checked out. */
export interface VerifiedRecord<R extends SignedRecord = SignedRecord> {
  ok: true;
  /** Lowercase hex SHA-256 of the payload bytes. */
  id: string;
  /** The member whose pinned key signed it (equals record.author). */
  author: string;
  kid: string;
  record: R;
  /** The compact JWS, exactly as received. */
  jws: string;
}

/** A record that must not be trusted, with the reason. `id` is present when the payload could be decoded. */
export interface RecordFailure {
  ok: false;
  id?: string;
  jws: string;
  /** The header's kid, once the header checked out: for `unknown_kid`, the key to look for; for `key_revoked`, the revoked key. */
  kid?: string;
  code: RecordFailureCode;
  message: string;
}

export type RecordVerification<R extends SignedRecord = SignedRecord> = VerifiedRecord<R> | RecordFailure;

/** A pinned public key: the member it is pinned for and, once revoked, the RFC 3339 time the revocation starts. */
export interface ResolvedPublicKey {
  member: string;
  publicKey: import('node:crypto').KeyObject;
  /** What the key signed verifies only when the caller vouches it was logged before this time. */
  revokedSince?: string;
}

/** Resolves a `kid` to the public key of the member it is pinned for, or undefined when unknown. */
export type PublicKeyResolver = (kid: string) => ResolvedPublicKey | undefined;

/** What the caller of verifyRecord vouches for beyond the pinned keys. */
export interface VerifyRecordOptions {
  /**
   * When the record was first logged (RFC 3339), from a source the caller trusts, e.g. the `at` of a log leaf
   * whose inclusion under a verified checkpoint it checked. A record signed with a revoked key verifies only
   * when this is strictly before the revocation's start.
   */
  loggedAt?: string;
}
