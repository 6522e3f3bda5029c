import type { FakePeer } from './fake-peer.js';
import type { ProcessFleet } from './fleet.js';
import { identityOf, pin } from './node-api.js';
import type { NodeProcess } from './node-process.js';

/**
 * A real node process of `member` that pins the test-played `peer`, which in turn trusts the node's peer key:
 * the two can call each other as federation members.
 */
export async function launchFacing(fleet: ProcessFleet, peer: FakePeer, member = 'DE'): Promise<NodeProcess> {
  const [node] = (await fleet.launch([{ member }])) as [NodeProcess];
  await pin(node, peer.identity);
  const identity = await identityOf(node);
  const { keys } = (await (await fetch(`${node.url}/.well-known/jwks.json`)).json()) as {
    keys: { kid: string }[];
  };
  peer.trustCaller(member, keys.find((k) => k.kid === identity.keys.peer[0]) as { kid: string });
  return node;
}
