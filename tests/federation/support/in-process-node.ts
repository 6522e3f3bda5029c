import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createTestNode, type TestNode } from '../../support/node.js';

/** An in-process node (tests/support/node.ts) listening on an ephemeral port, so peers can pull from it. */
export interface ListeningNode {
  member: string;
  node: TestNode;
  url: string;
  close(): Promise<void>;
}

export async function listeningTestNode(member: string): Promise<ListeningNode> {
  const node = await createTestNode(member);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listening = serve({ fetch: node.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    member,
    node,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await node.close();
    },
  };
}

/** What a node publishes at /.well-known/sightline: its member id and pinned key thumbprints per role. */
export interface NodeIdentity {
  id: string;
  keys: Record<'record' | 'log' | 'witness' | 'peer', string[]>;
}

/** Two nodes listening in-process that pin each other (as confirmed out of band) and peer by URL. */
export async function listeningPair(a: string, b: string): Promise<[ListeningNode, ListeningNode]> {
  const pair = (await Promise.all([listeningTestNode(a), listeningTestNode(b)])) as [
    ListeningNode,
    ListeningNode,
  ];
  for (const [on, other] of [pair, [pair[1], pair[0]]] as const) {
    const { id, keys } = (await (await fetch(`${other.url}/.well-known/sightline`)).json()) as NodeIdentity;
    const res = await on.node.request('/v1/peers', { role: 'admin', json: { id, keys, url: other.url } });
    if (res.status !== 201)
      throw new Error(`${on.member} could not pin ${other.member}: ${await res.text()}`);
  }
  return pair;
}

/**
 * DE - FR - JP listening in-process, pinned as a chain: DE and FR peer, FR and JP peer, and JP pins DE's
 * keys as an author only (no URL), so DE's records reach JP through FR.
 */
export async function listeningChain(): Promise<{
  nodes: [ListeningNode, ListeningNode, ListeningNode];
  identities: Map<string, NodeIdentity>;
}> {
  const nodes = (await Promise.all(['DE', 'FR', 'JP'].map(listeningTestNode))) as [
    ListeningNode,
    ListeningNode,
    ListeningNode,
  ];
  const identities = new Map<string, NodeIdentity>();
  for (const n of nodes) {
    identities.set(n.member, (await (await fetch(`${n.url}/.well-known/sightline`)).json()) as NodeIdentity);
  }
  const pin = async (on: ListeningNode, other: ListeningNode, withUrl: boolean) => {
    const { id, keys } = identities.get(other.member) as NodeIdentity;
    const res = await on.node.request('/v1/peers', {
      role: 'admin',
      json: { id, keys, ...(withUrl ? { url: other.url } : {}) },
    });
    if (res.status !== 201)
      throw new Error(`pinning ${id} at ${on.member}: ${res.status} ${await res.text()}`);
  };
  const [de, fr, jp] = nodes;
  await pin(de, fr, true);
  await pin(fr, de, true);
  await pin(fr, jp, true);
  await pin(jp, fr, true);
  await pin(jp, de, false);
  return { nodes, identities };
}
