/** GET a peer's JSON with a timeout; errors name the URL so operators can act on them. */
export async function fetchJson<T>(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<T> {
  const { timeoutMs = 10_000, ...rest } = init;
  const response = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
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

export class PeerHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
