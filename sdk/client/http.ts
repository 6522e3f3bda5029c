import createOpenApiClient from 'openapi-fetch';
import type { paths } from '../generated/openapi.js';
import { SightlineApiError } from './api-error.js';
import { send, type TransportOptions } from './transport.js';

export interface HttpOptions extends TransportOptions {
  baseUrl: string;
  /** API token sent as `Authorization: Bearer`; empty sends none. */
  token: string;
}

/** A JSON call to any route, typed by the caller: for routes newer than this SDK's openapi.yaml. */
export type RawRequest = <T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  init?: { query?: Record<string, string | number | boolean | undefined>; json?: unknown },
) => Promise<T>;

/** The typed openapi-fetch client and an untyped escape hatch, both over the retrying transport. */
export function createHttp(options: HttpOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const authorization = options.token ? `Bearer ${options.token}` : undefined;
  const transport: TransportOptions = {
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    retryDelayMs: options.retryDelayMs,
    fetch: options.fetch,
  };
  const api = createOpenApiClient<paths>({
    baseUrl,
    headers: authorization ? { authorization } : {},
    fetch: (request: Request) => send(() => request.clone(), transport),
  });

  const request: RawRequest = async <T>(
    method: string,
    path: string,
    init: { query?: Record<string, string | number | boolean | undefined>; json?: unknown } = {},
  ) => {
    const url = new URL(`${baseUrl}${path}`);
    for (const [name, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers = new Headers({ accept: 'application/json' });
    if (authorization) headers.set('authorization', authorization);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    const body = init.json === undefined ? undefined : JSON.stringify(init.json);
    const response = await send(() => new Request(url, { method, headers, body }), transport);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };

  return { api, request };
}

export type Http = ReturnType<typeof createHttp>;

/** The parsed body of a 2xx answer (the transport has already thrown for everything else). */
export function dataOf<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) {
    throw new SightlineApiError(
      result.response.status,
      'unexpected_response',
      'the node answered without a body',
    );
  }
  return result.data;
}
