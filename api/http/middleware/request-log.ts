import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { NodeEnv } from '../../context.js';

export interface RequestLogOptions {
  logger: Logger;
}

/** Gives each request an id (echoed as x-request-id) and logs method, path, status and duration. Never headers or bodies. */
export function requestLog(options: RequestLogOptions): MiddlewareHandler<NodeEnv> {
  return async function requestLogMiddleware(c, next) {
    const started = performance.now();
    const requestId = randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('x-request-id', requestId);
    options.logger.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  };
}
