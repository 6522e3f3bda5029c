import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinMember } from '../../api/fed/registry.js';
import { generateKeyPair } from '../../sdk/keys/index.js';
import { signPeerToken } from '../../sdk/peer/index.js';
import { createTestNode, type TestNode } from '../support/node.js';
import { expectProblem } from './helpers/problem.js';

// A token naming a kid this node does not hold makes it fetch the issuer's keys. Anyone can send one, so
// the fetch is rate-limited per member: forged tokens must not turn this node into a flood against NL.
let node: TestNode;
let nlServer: Server;
let fetchesAtNl = 0;

beforeAll(async () => {
  nlServer = createServer((_req, res) => {
    fetchesAtNl++;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => nlServer.listen(0, '127.0.0.1', resolve));
  const { port } = nlServer.address() as AddressInfo;
  node = await createTestNode('DE');
  await pinMember(node.ctx, {
    id: 'NL',
    url: `http://127.0.0.1:${port}`,
    keys: { peer: [generateKeyPair().kid] },
  });
  fetchesAtNl = 0;
});
afterAll(async () => {
  await node?.close();
  await new Promise((resolve) => nlServer?.close(resolve));
});

describe('tokens with a kid this node does not hold', () => {
  it('are refused, and fetch the issuer’s keys once however many arrive', async () => {
    const stranger = generateKeyPair();
    for (let n = 0; n < 5; n++) {
      const token = await signPeerToken({
        issuer: 'NL',
        audience: 'DE',
        operation: 'feed.read',
        key: stranger,
      });
      const res = await node.app.request('/fed/v1/feed', { headers: { authorization: `Bearer ${token}` } });
      await expectProblem(res, 401, 'token_unknown_key');
    }
    // One refresh: the JWKS and the key announcements.
    expect(fetchesAtNl).toBeGreaterThan(0);
    expect(fetchesAtNl).toBeLessThanOrEqual(2);
  });
});
