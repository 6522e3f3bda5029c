import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { ProblemError, problemResponse } from './problem.js';

/** Turns any error into problem+json. Unexpected errors are logged with the request id and shown without detail. */
export function errorHandler(logger: Logger) {
  return function handleError(error: Error, c: Context): Response {
    if (error instanceof ProblemError) return problemResponse(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(
        c,
        new ProblemError(error.status, 'bad_request', error.message || 'bad request'),
      );
    }
    logger.error({ err: error, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return problemResponse(
      c,
      new ProblemError(
        500,
        'internal_error',
        'internal error',
        `request id ${c.get('requestId') ?? 'unknown'}`,
      ),
    );
  };
}

/** 404 for a path no route has; 405 with `Allow` for a path that exists under other methods. */
export function notFoundHandler(methodsFor: (path: string) => string[]) {
  return function handleNotFound(c: Context): Response {
    const allowed = methodsFor(c.req.path);
    // A route that exists for this method and found nothing (c.notFound()) is a plain 404.
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      return problemResponse(
        c,
        new ProblemError(
          405,
          'method_not_allowed',
          'method not allowed',
          `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(', ')}`,
          undefined,
          { allow: allowed.join(', ') },
        ),
      );
    }
    return problemResponse(
      c,
      new ProblemError(
        404,
        'route_not_found',
        'no such route',
        `${c.req.method} ${c.req.path} is not part of this API`,
      ),
    );
  };
}
