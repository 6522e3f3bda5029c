import type { RecordView } from '../../../schemas/api/observations.js';
import { observationBody } from './bodies.js';
import type { AuthoredRecord } from './entitlement.js';
import type { SyncProgress } from './types.js';

/** What the helpers need to talk to a running node's local API. */
export interface NodeEndpoint {
  member: string;
  url: string;
  adminToken: string;
}

export interface PeerStatus {
  id: string;
  url: string | null;
  keys: Record<'record' | 'log' | 'witness' | 'peer', string[]>;
  cursor: number | null;
  peerHead: number | null;
  lag: number | null;
  received: number;
  rejected: number;
  lastError: string | null;
}

export interface Identity {
  id: string;
  keys: Record<'record' | 'log' | 'witness' | 'peer', string[]>;
}

/** A call to the node's local API with its admin token; the response is returned as is. */
export function call(node: NodeEndpoint, method: string, path: string, json?: unknown): Promise<Response> {
  return fetch(`${node.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${node.adminToken}`,
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
}

async function ok<T>(node: NodeEndpoint, response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${node.member} ${what}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** POST /v1/observations; returns the new record's id and JWS. */
export async function createObservation(
  node: NodeEndpoint,
  body: unknown,
): Promise<{ id: string; jws: string }> {
  return ok(node, await call(node, 'POST', '/v1/observations', body), 'create observation');
}

/** Every record the node holds (GET /v1/observations, all pages), by id. */
export async function heldRecords(node: NodeEndpoint): Promise<Map<string, RecordView>> {
  const held = new Map<string, RecordView>();
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const page: { items: RecordView[]; next: string | null } = await ok(
      node,
      await call(node, 'GET', `/v1/observations?limit=500${query}`),
      'list observations',
    );
    for (const item of page.items) {
      if (held.has(item.id)) throw new Error(`${node.member} lists record ${item.id} twice`);
      held.set(item.id, item);
    }
    cursor = page.next;
  } while (cursor);
  return held;
}

/** GET /v1/observations/{id}, or undefined on 404. */
export async function readObservation(
  node: NodeEndpoint,
  id: string,
): Promise<(RecordView & { verified: boolean }) | undefined> {
  const response = await call(node, 'GET', `/v1/observations/${id}`);
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  return ok(node, response, `read ${id}`);
}

/** GET /v1/peers. */
export async function peerStatuses(node: NodeEndpoint): Promise<PeerStatus[]> {
  return (await ok<{ peers: PeerStatus[] }>(node, await call(node, 'GET', '/v1/peers'), 'list peers')).peers;
}

export async function peerStatus(node: NodeEndpoint, member: string): Promise<PeerStatus> {
  const found = (await peerStatuses(node)).find((p) => p.id === member);
  if (!found) throw new Error(`${node.member} has no peer ${member}`);
  return found;
}

/** The node's identity document: member id and key thumbprints, as an operator would confirm them. */
export async function identityOf(node: { url: string }): Promise<Identity> {
  const response = await fetch(`${node.url}/.well-known/sightline`);
  const { id, keys } = (await response.json()) as Identity;
  return { id, keys };
}

/** POST /v1/peers: pin `member`'s keys, with a URL to pull from it (omit it for an author reached by relay). */
export async function pin(node: NodeEndpoint, member: Identity & { url?: string }): Promise<void> {
  await ok(node, await call(node, 'POST', '/v1/peers', member), `pin ${member.id}`);
}

/** One pull pass now (POST /v1/sync or /v1/peers/{member}/sync), read to its end: the NDJSON lines. */
export async function syncNow(node: NodeEndpoint, member?: string): Promise<SyncProgress[]> {
  const path = member ? `/v1/peers/${member}/sync` : '/v1/sync';
  const text = await (await call(node, 'POST', path)).text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SyncProgress);
}

/** Runs pull passes until one brings nothing new; throws on any failed peer. */
export async function syncUntilQuiet(
  node: NodeEndpoint,
  member?: string,
  maxPasses = 10,
): Promise<SyncProgress[]> {
  const all: SyncProgress[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const lines = await syncNow(node, member);
    all.push(...lines);
    const failed = lines.find((l) => l.type === 'error');
    if (failed) throw new Error(`${node.member} failed to sync ${failed.member}: ${failed.error}`);
    if (!lines.some((l) => l.type === 'page' && (l.accepted ?? 0) > 0)) return all;
  }
  throw new Error(`${node.member} still receiving records after ${maxPasses} passes`);
}

/** Authors a record at `node` through its API and remembers what the author signed. */
export async function authorAt(
  node: NodeEndpoint,
  tlp: AuthoredRecord['tlp'],
  recipients?: readonly string[],
): Promise<AuthoredRecord> {
  const { id, jws } = await createObservation(
    node,
    observationBody(tlp, recipients, `${node.member} ${tlp}`),
  );
  return { id, jws, author: node.member, tlp, ...(recipients ? { recipients } : {}) };
}
