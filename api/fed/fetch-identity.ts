import { isMemberId } from '../../schemas/common.js';
import { jwkThumbprint } from '../../sdk/keys/index.js';
import { ProblemError } from '../http/problem.js';
import { fetchJson } from './fetch-json.js';

type Pins = { record: string[]; log: string[]; witness: string[]; peer: string[] };

/**
 * Fetches a node's identity document and JWKS, and checks they agree: every thumbprint it claims must be
 * one of the keys it serves. The operator still confirms the thumbprints out of band before pinning.
 */
export async function fetchPeerIdentity(
  url: string,
): Promise<{ id: string; url: string; keys: Pins; formerKeys?: { record: string[] } }> {
  const base = url.replace(/\/+$/, '');
  let document: { id?: unknown; keys?: Partial<Pins>; formerKeys?: { record?: unknown } };
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
  const servedKid = (role: string, kid: unknown): string => {
    if (typeof kid === 'string' && served.has(kid)) return kid;
    throw new ProblemError(
      422,
      'peer_invalid',
      'the peer’s keys do not match its JWKS',
      `${role} key ${String(kid)} is not served`,
    );
  };
  const keys: Pins = { record: [], log: [], witness: [], peer: [] };
  for (const role of Object.keys(keys) as (keyof Pins)[]) {
    for (const kid of document.keys?.[role] ?? []) keys[role].push(servedKid(role, kid));
  }
  const former = document.formerKeys?.record;
  if (!Array.isArray(former) || former.length === 0) return { id: document.id, url: base, keys };
  const formerKeys = { record: former.map((kid) => servedKid('former record', kid)) };
  return { id: document.id, url: base, keys, formerKeys };
}
