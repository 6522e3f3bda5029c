import { SightlineError } from '../errors.js';
import { apiErrorFrom, SightlineApiError } from './api-error.js';
import { backoffDelay, sleep } from './backoff.js';

/** How a client talks HTTP: timeouts per attempt and retries for idempotent reads. */
export interface TransportOptions {
  /** Limit per attempt, reading the body included (default 30,000 ms). Exceeding it gives code `timeout`. */
  timeoutMs?: number;
  /** Extra attempts for GET and HEAD after a network error, a timeout or a 502/503/504 (default 2). */
  retries?: number;
  /** First backoff step, doubled per retry, with jitter (default 250 ms). */
  retryDelayMs?: number;
  /** A fetch implementation (default: the global fetch). */
  fetch?: typeof fetch;
}

const TRANSIENT_STATUSES = new Set([502, 503, 504]);
const MAX_RETRY_DELAY_MS = 10_000;

/**
 * Sends a request, building it afresh for every attempt (so a peer token is never sent twice), and returns
 * the 2xx response with its body already read. Anything else throws SightlineApiError: the problem's code
 * for a non-2xx answer, `timeout` or `network_error` when no answer arrived. Only GET and HEAD are retried:
 * a POST that timed out may have been applied.
 *
 * @example
 * const response = await send(() => new Request(`${baseUrl}/health`), { timeoutMs: 5_000, retries: 3 });
 * const health = await response.json();
 */
export async function send(
  buildRequest: () => Request | Promise<Request>,
  options: TransportOptions = {},
): Promise<Response> {
  const { timeoutMs, retries, retryDelayMs } = checkedOptions(options);
  const fetchImpl = options.fetch ?? fetch;
  for (let attempt = 0; ; attempt++) {
    const request = await buildRequest();
    const outcome = await attemptOnce(fetchImpl, request, timeoutMs);
    const idempotent = request.method === 'GET' || request.method === 'HEAD';
    if (!(idempotent && attempt < retries && isTransient(outcome))) {
      if (outcome instanceof Response) return outcome;
      throw outcome;
    }
    await sleep(backoffDelay(attempt, retryDelayMs, MAX_RETRY_DELAY_MS));
  }
}

async function attemptOnce(
  fetchImpl: typeof fetch,
  request: Request,
  timeoutMs: number,
): Promise<Response | SightlineApiError> {
  try {
    const response = await fetchImpl(request, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return await apiErrorFrom(response);
    // Read under the same deadline, so a body that stalls is a timeout too, not a hang in the caller.
    const body = await response.arrayBuffer();
    const { status, statusText, headers } = response;
    return new Response([204, 205, 304].includes(status) ? null : body, { status, statusText, headers });
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError';
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : describe(error);
    return new SightlineApiError(
      0,
      timedOut ? 'timeout' : 'network_error',
      `${request.method} ${request.url}: ${reason}`,
    );
  }
}

// undici says only "fetch failed"; the cause (ECONNREFUSED, socket closed, ...) is what helps an operator.
function describe(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const cause = (error as { cause?: { message?: string; code?: string } })?.cause;
  return cause ? `${message} (${cause.code ?? cause.message})` : message;
}

function isTransient(outcome: Response | SightlineApiError): boolean {
  if (outcome instanceof Response) return false;
  return outcome.status === 0 || TRANSIENT_STATUSES.has(outcome.status);
}

function checkedOptions(options: TransportOptions) {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 250;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new SightlineError('invalid_option', 'timeoutMs must be a positive number');
  }
  if (!(Number.isSafeInteger(retries) && retries >= 0)) {
    throw new SightlineError('invalid_option', 'retries must be a non-negative integer');
  }
  if (!(Number.isFinite(retryDelayMs) && retryDelayMs >= 0)) {
    throw new SightlineError('invalid_option', 'retryDelayMs must be a non-negative number');
  }
  return { timeoutMs, retries, retryDelayMs };
}
