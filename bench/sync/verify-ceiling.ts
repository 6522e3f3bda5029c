import { type KeyObject, verify } from 'node:crypto';
import { elapsedMs } from '../support/timing.js';

export interface VerifyCeiling {
  perSecond: number;
  /** CPU milliseconds per verification: hardly changed by other load on the machine, unlike the rate. */
  cpuMsPerRecord: number;
}

/**
 * Bare Ed25519 verification (node:crypto, this thread only) over the JWS signing
 * inputs of `jwsList`: the single-core ceiling the sync rate is compared with. Uses at most `sampleSize`
 * records spread over the list, so payload sizes match; throws if any signature fails.
 */
export function bareVerifyCeiling(
  jwsList: readonly string[],
  publicKey: KeyObject,
  sampleSize = 20_000,
): VerifyCeiling {
  const step = Math.max(1, Math.floor(jwsList.length / sampleSize));
  const inputs: { data: Buffer; signature: Buffer }[] = [];
  for (let i = 0; i < jwsList.length && inputs.length < sampleSize; i += step) {
    const jws = jwsList[i] as string;
    const cut = jws.lastIndexOf('.');
    inputs.push({
      data: Buffer.from(jws.slice(0, cut), 'latin1'),
      signature: Buffer.from(jws.slice(cut + 1), 'base64url'),
    });
  }
  const run = (list: typeof inputs) => {
    for (const { data, signature } of list) {
      if (!verify(null, data, publicKey, signature)) throw new Error('a bench signature does not verify');
    }
  };
  run(inputs.slice(0, 500)); // warm-up
  // Best of three: other processes share the cores, and the ceiling should not be understated.
  let best: VerifyCeiling = { perSecond: 0, cpuMsPerRecord: Number.POSITIVE_INFINITY };
  for (let round = 0; round < 3; round++) {
    const cpu = process.cpuUsage();
    const ms = elapsedMs(() => run(inputs));
    const { user, system } = process.cpuUsage(cpu);
    best = {
      perSecond: Math.max(best.perSecond, (inputs.length * 1000) / ms),
      cpuMsPerRecord: Math.min(best.cpuMsPerRecord, (user + system) / 1000 / inputs.length),
    };
  }
  return best;
}
