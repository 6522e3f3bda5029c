export { type DecodedRecordJws, decodeRecordJws, RECORD_TYP, recordId } from './jws.js';
export { newNonce, type RecordSigningKey, type SignedRecordJws, signRecord } from './sign.js';
export type {
  PublicKeyResolver,
  RecordFailure,
  RecordFailureCode,
  RecordVerification,
  ResolvedPublicKey,
  VerifiedRecord,
  VerifyRecordOptions,
} from './types.js';
export { verifyRecord } from './verify.js';
