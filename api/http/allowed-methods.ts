import type { Hono } from 'hono';

const regexSpecials = /[.*+?^${}()|[\]\\]/g;

/**
 * The methods an app's routes answer a path with, so that a request with another method gets 405 and an
 * `Allow` header rather than a 404 saying the path does not exist. Read once, after every route is added.
 */
export function allowedMethods<E extends object>(app: Hono<E & object>): (path: string) => string[] {
  const routes = app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => ({
      method: route.method,
      path: new RegExp(`^${route.path.replace(regexSpecials, '\\$&').replace(/\/:[^/]+/g, '/[^/]+')}$`),
    }));
  return (path) => {
    const methods = new Set(routes.filter((route) => route.path.test(path)).map((route) => route.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
