import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientErrors } from '../../api/http/client-errors.js';

// What Node's HTTP parser refuses never reaches the app; the node still answers problem+json.
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_req, res) => res.end('ok'));
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server?.close(resolve)));

/** Sends raw bytes and reads the whole answer (the server closes the connection). */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), head: head.toLowerCase(), problem: JSON.parse(body) };
}

describe('requests Node refuses before the app', () => {
  it('an unknown method: 400 problem+json', async () => {
    const { status, head, problem } = parse(await raw('FOO /health HTTP/1.1\r\nhost: x\r\n\r\n'));
    expect(status).toBe(400);
    expect(head).toContain('content-type: application/problem+json');
    expect(problem).toMatchObject({ status: 400, code: 'bad_request' });
  });

  it('a URL over the header limit: 431 problem+json', async () => {
    const { status, problem } = parse(
      await raw(`GET /v1/observations/${'a'.repeat(20_000)} HTTP/1.1\r\n\r\n`),
    );
    expect(status).toBe(431);
    expect(problem).toMatchObject({ status: 431, code: 'headers_too_large' });
  });
});
