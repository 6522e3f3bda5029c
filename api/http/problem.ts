import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldError, Problem } from '../../schemas/api/problem.js';

/** Thrown anywhere in a request; the error handler turns it into application/problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

export function problemBody(
  status: number,
  code: string,
  title: string,
  detail?: string,
  errors?: FieldError[],
): Problem {
  return {
    type: `urn:sightline:problem:${code}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

export function problemResponse(c: Context, problem: ProblemError): Response {
  const body = problemBody(problem.status, problem.code, problem.title, problem.detail, problem.errors);
  return new Response(JSON.stringify({ ...body, instance: c.req.path }), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...problem.headers },
  });
}

export const notFound = (what: string, detail?: string) =>
  new ProblemError(404, 'not_found', `${what} not found`, detail);
