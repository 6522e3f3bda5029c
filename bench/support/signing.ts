import { sign } from 'node:crypto';
import type { ObservationBody } from '../../schemas/observation/body.js';
import type { SignedRecord } from '../../schemas/record.js';
import { newNonce, type RecordSigningKey, signRecord } from '../../sdk/record/index.js';
import { elapsedMs } from './timing.js';

export interface SignedBatch {
  jwsList: string[];
  ms: number;
}

/**
 * Signs each body as an observation by `author` with signRecord (schema check, RFC 8785, Ed25519), one core.
 * `createdAt(i)` dates record i, so created-range queries have a spread to select from.
 */
export function signObservations(
  bodies: readonly ObservationBody[],
  author: string,
  key: RecordSigningKey,
  createdAt: (index: number) => string,
): SignedBatch {
  const jwsList: string[] = new Array(bodies.length);
  const ms = elapsedMs(() => {
    bodies.forEach((body, index) => {
      const record = { ...body, type: 'observation', author, createdAt: createdAt(index), nonce: newNonce() };
      jwsList[index] = signRecord(record as SignedRecord, key).jws;
    });
  });
  return { jwsList, ms };
}

/**
 * Records per second of bare Ed25519 signing (node:crypto, one core) over the signing inputs of `jwsList`:
 * the ceiling for anything that signs or ingests the same records. Uses at most `sampleSize` of them,
 * spread over the list so payload sizes match.
 */
export function bareSigningRate(
  jwsList: readonly string[],
  key: RecordSigningKey,
  sampleSize = 20_000,
): number {
  const step = Math.max(1, Math.floor(jwsList.length / sampleSize));
  const inputs: Buffer[] = [];
  for (let i = 0; i < jwsList.length && inputs.length < sampleSize; i += step) {
    const jws = jwsList[i] as string;
    inputs.push(Buffer.from(jws.slice(0, jws.lastIndexOf('.')), 'latin1'));
  }
  for (const input of inputs.slice(0, 500)) sign(null, input, key.privateKey); // warm-up
  const ms = elapsedMs(() => {
    for (const input of inputs) sign(null, input, key.privateKey);
  });
  return (inputs.length * 1000) / ms;
}
