import { createServer, type IncomingMessage, type Server } from 'node:http';

/** What passed through the proxy: one entry per answered request. */
export interface TappedExchange {
  method: string;
  path: string;
  status: number;
  bytes: number;
}

/**
 * An HTTP proxy in front of a node: a peer pinned with the proxy's URL talks to the node through it, and
 * the test learns the moment a response has been handed over (to act while the peer is processing it).
 */
export async function startTapProxy(
  target: string,
  onAnswered?: (exchange: TappedExchange) => void,
): Promise<{ url: string; exchanges: TappedExchange[]; close(): Promise<void> }> {
  const exchanges: TappedExchange[] = [];
  const server: Server = createServer(async (req, res) => {
    try {
      const upstream = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers: forwardedHeaders(req),
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req),
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
        ...(upstream.headers.get('www-authenticate')
          ? { 'www-authenticate': upstream.headers.get('www-authenticate') as string }
          : {}),
      });
      res.end(body, () => {
        const exchange = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          status: upstream.status,
          bytes: body.length,
        };
        exchanges.push(exchange);
        onAnswered?.(exchange);
      });
    } catch (error) {
      res.writeHead(502).end(String(error));
    }
  });
  // Longer than any page's ingest, so the proxy never closes a connection the peer is about to reuse.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['authorization', 'content-type', 'accept']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
