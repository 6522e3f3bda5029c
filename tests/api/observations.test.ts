import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBodies } from '../../api/node/seed.js';
import { createTestNode, type TestNode } from '../support/node.js';

let node: TestNode;
beforeAll(async () => {
  node = await createTestNode('DE');
});
afterAll(() => node?.close());

const [gallium] = seedBodies();

describe('POST /v1/observations', () => {
  it('signs and stores; the id is the SHA-256 of the payload and the signature verifies with the published JWK', async () => {
    const res = await node.request('/v1/observations', { json: gallium });
    expect(res.status).toBe(201);
    const { id, jws, record } = (await res.json()) as {
      id: string;
      jws: string;
      record: Record<string, unknown>;
    };
    const [header, payload, signature] = jws.split('.') as [string, string, string];
    expect(id).toBe(createHash('sha256').update(Buffer.from(payload, 'base64url')).digest('hex'));
    expect(record.author).toBe('DE');
    const { keys } = (await (await node.request('/.well-known/jwks.json', { role: 'none' })).json()) as {
      keys: { kid: string }[];
    };
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
    const jwk = keys.find((k) => k.kid === kid);
    expect(jwk).toBeDefined();
    const key = createPublicKey({ key: jwk as never, format: 'jwk' });
    expect(verify(null, Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))).toBe(
      true,
    );

    const read = await node.request(`/v1/observations/${id}`, { role: 'reader' });
    expect(read.status).toBe(200);
    const view = (await read.json()) as { verified: boolean; jws: string; status: string };
    expect(view).toMatchObject({ verified: true, jws, status: 'current' });
  });
});
