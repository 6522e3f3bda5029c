// The few calls the demo and the bench make to a node's local API, with an API token.
import type { PageProgress } from '../../api/fed/sync/pull-peer.js';

export interface NodeApi {
  url: string;
  token: string;
}

/** A problem+json answer as an error carrying its HTTP status and stable code. */
export class NodeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function failure(response: Response, what: string): Promise<NodeApiError> {
  const problem = (await response.json().catch(() => ({}))) as {
    code?: string;
    detail?: string;
    title?: string;
  };
  const code = problem.code ?? `http_${response.status}`;
  return new NodeApiError(response.status, code, `${what}: ${code} ${problem.detail ?? problem.title ?? ''}`);
}

export async function getJson<T>(node: NodeApi, path: string): Promise<T> {
  const response = await fetch(`${node.url}${path}`, { headers: { authorization: `Bearer ${node.token}` } });
  if (!response.ok) throw await failure(response, `GET ${path}`);
  return (await response.json()) as T;
}

export async function postJson<T>(node: NodeApi, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${node.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response, `POST ${path}`);
  return (await response.json()) as T;
}

/** One line of the NDJSON answer of POST /v1/sync and /v1/peers/{member}/sync. */
export type SyncLine =
  | ({ type: 'page' } & PageProgress)
  | { type: 'done'; member: string }
  | { type: 'error'; member: string; error: string };

/** Runs one pull pass on the node (every peer, or one) and returns its lines; `onLine` sees each as it comes. */
export async function runSync(
  node: NodeApi,
  peer?: string,
  onLine?: (line: SyncLine) => void,
): Promise<SyncLine[]> {
  const path = peer ? `/v1/peers/${encodeURIComponent(peer)}/sync` : '/v1/sync';
  const response = await fetch(`${node.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${node.token}` },
  });
  if (!response.ok || !response.body) throw await failure(response, `POST ${path}`);
  const lines: SyncLine[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = JSON.parse(buffer.slice(0, newline)) as SyncLine;
      buffer = buffer.slice(newline + 1);
      lines.push(line);
      onLine?.(line);
    }
  }
  return lines;
}
