import { isMemberId } from '../../schemas/common.js';
import { jwkThumbprint } from '../../sdk/keys/index.js';
import { ProblemError } from '../http/problem.js';
import { fetchJson } from './fetch-json.js';

type Pins = { record: string[]; log: string[]; witness: string[]; peer: string[] };

/**
 * Fetches a node's identity document and JWKS, and checks they agree: every thumbprint it claims must be
 * one of the keys it serves. The operator still confirms the thumbprints out of band before pinning.
 */
export async function fetchPeerIdentity(url: string): Promise<{ id: string; url: string; keys: Pins }> {
  const base = url.replace(/\/+$/, '');
  let document: { id?: unknown; keys?: Partial<Pins> };
  let jwks: { keys?: unknown[] };
  try {
    document = await fetchJson(`${base}/.well-known/sightline`);
    jwks = await fetchJson(`${base}/.well-known/jwks.json`);
  } catch (error) {
    throw new ProblemError(
      422,
      'peer_unreachable',
      'could not read the peer’s identity',
      (error as Error).message,
    );
  }
  if (typeof document.id !== 'string' || !isMemberId(document.id)) {
    throw new ProblemError(
      422,
      'peer_invalid',
      'the peer’s identity document is not valid',
      'id is not a member id',
    );
  }
  const served = new Set(
    (jwks.keys ?? []).flatMap((jwk) => {
      try {
        return [jwkThumbprint(jwk as { kty: string; crv: string; x: string })];
      } catch {
        return [];
      }
    }),
  );
  const keys: Pins = { record: [], log: [], witness: [], peer: [] };
  for (const role of Object.keys(keys) as (keyof Pins)[]) {
    for (const kid of document.keys?.[role] ?? []) {
      if (!served.has(kid))
        throw new ProblemError(
          422,
          'peer_invalid',
          'the peer’s keys do not match its JWKS',
          `${role} key ${kid} is not served`,
        );
      keys[role].push(kid);
    }
  }
  return { id: document.id, url: base, keys };
}
