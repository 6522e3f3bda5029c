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
