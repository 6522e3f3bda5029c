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
  | 'author_mismatch';

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
  /** The header's kid, once the header checked out: for `unknown_kid`, the key to look for. */
  kid?: string;
  code: RecordFailureCode;
  message: string;
}

export type RecordVerification<R extends SignedRecord = SignedRecord> = VerifiedRecord<R> | RecordFailure;

/** Resolves a `kid` to the public key of the member it is pinned for, or undefined when unknown. */
export type PublicKeyResolver = (
  kid: string,
) => { member: string; publicKey: import('node:crypto').KeyObject } | undefined;
