// Identities and key sets are a few kilobytes; a peer answering more is not read on.
const MAX_BODY_BYTES = 1024 * 1024;

/** GET a peer's JSON with a timeout and a size limit; errors name the URL so operators can act on them. */
export async function fetchJson<T>(
  url: string,
  init: RequestInit & { timeoutMs?: number; maxBytes?: number } = {},
): Promise<T> {
  const { timeoutMs = 10_000, maxBytes = MAX_BODY_BYTES, ...rest } = init;
  const response = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
  const text = await limitedText(response, url, maxBytes);
  if (!response.ok) {
    let detail = text.slice(0, 300);
    try {
      const problem = JSON.parse(text) as { code?: string; detail?: string; title?: string };
      detail = `${problem.code ?? ''} ${problem.detail ?? problem.title ?? ''}`.trim();
    } catch {}
    throw new PeerHttpError(response.status, `${url} answered ${response.status}: ${detail}`);
  }
  return JSON.parse(text) as T;
}

async function limitedText(response: Response, url: string, maxBytes: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    // Throwing out of the loop cancels the stream.
    if (size > maxBytes)
      throw new PeerHttpError(response.status, `${url} answered more than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export class PeerHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
