import { SightlineError } from '../errors.js';

/** A field a node rejected, as named in the problem's `errors`. */
export interface ApiFieldError {
  path: (string | number)[];
  pointer: string;
  code: string;
  message: string;
}

/**
 * A node answered with an RFC 9457 problem (or failed to answer). `code` is the node's stable problem code,
 * e.g. `validation_failed`, `invalid_token`, `token_replayed`, `not_found`; `network_error` and `timeout`
 * when no answer arrived.
 *
 * @example
 * try {
 *   await client.observations.create(body);
 * } catch (error) {
 *   if (error instanceof SightlineApiError && error.code === 'validation_failed') console.log(error.fieldErrors);
 * }
 */
export class SightlineApiError extends SightlineError {
  readonly status: number;
  readonly fieldErrors: ApiFieldError[];
  readonly problem: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, problem?: Record<string, unknown>) {
    super(code, message);
    this.name = 'SightlineApiError';
    this.status = status;
    this.problem = problem;
    this.fieldErrors = Array.isArray(problem?.errors) ? (problem.errors as ApiFieldError[]) : [];
  }
}

/**
 * Turns a non-2xx response into a SightlineApiError, keeping the problem's code and fields (`http_<status>`
 * when the body is not a problem).
 *
 * @example
 * const response = await fetch(`${baseUrl}/v1/observations`, { headers });
 * if (!response.ok) throw await apiErrorFrom(response);
 */
export async function apiErrorFrom(response: Response): Promise<SightlineApiError> {
  const text = await response.text().catch(() => '');
  try {
    const problem = JSON.parse(text) as Record<string, unknown>;
    const code = typeof problem.code === 'string' ? problem.code : `http_${response.status}`;
    const message =
      [problem.title, problem.detail].filter((x) => typeof x === 'string').join(': ') || response.statusText;
    return new SightlineApiError(response.status, code, message, problem);
  } catch {
    return new SightlineApiError(
      response.status,
      `http_${response.status}`,
      text.slice(0, 200) || response.statusText,
    );
  }
}
