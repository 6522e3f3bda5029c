import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { NodeContext, NodeEnv } from './context.js';
import { allowedMethods } from './http/allowed-methods.js';
import { errorHandler, notFoundHandler } from './http/errors.js';
import { requestLog } from './http/middleware/request-log.js';
import { ProblemError } from './http/problem.js';
import docs from './routes/docs/docs.js';
import evidence from './routes/fed/evidence.js';
import feed from './routes/fed/feed.js';
import inbox from './routes/fed/inbox.js';
import relayedKeys from './routes/fed/keys.js';
import health from './routes/health.js';
import revokeKeyRoute from './routes/keys/revoke.js';
import rotateKeyRoute from './routes/keys/rotate.js';
import logRoutes from './routes/log/index.js';
import getMeasure from './routes/measures/get.js';
import measureReconciliation from './routes/measures/reconciliation.js';
import createObservation from './routes/observations/create.js';
import getObservation from './routes/observations/get.js';
import listObservations from './routes/observations/list.js';
import provenance from './routes/observations/provenance.js';
import retractObservation from './routes/observations/retract.js';
import supersedeObservation from './routes/observations/supersede.js';
import addPeer from './routes/peers/add.js';
import auditPeer from './routes/peers/audit.js';
import listPeers from './routes/peers/list.js';
import previewPeer from './routes/peers/preview.js';
import removePeer from './routes/peers/remove.js';
import syncPeers from './routes/peers/sync.js';
import jwks from './routes/well-known/jwks.js';
import sightlineDocument from './routes/well-known/sightline.js';

export const maxBodyBytes = 256 * 1024;
/** A peer's push: up to 1000 records of a few kilobytes each, or a few of the largest (about 90 KB). */
export const maxInboxBytes = 4 * 1024 * 1024;

const routes = [
  health,
  jwks,
  sightlineDocument,
  docs,
  createObservation,
  listObservations,
  getObservation,
  supersedeObservation,
  retractObservation,
  provenance,
  getMeasure,
  measureReconciliation,
  listPeers,
  previewPeer,
  addPeer,
  removePeer,
  syncPeers,
  auditPeer,
  rotateKeyRoute,
  revokeKeyRoute,
  feed,
  inbox,
  relayedKeys,
  evidence,
  logRoutes,
];

/** The node's HTTP app. Tests call `app.request()` on it directly. */
export function createApp(ctx: NodeContext): Hono<NodeEnv> {
  const app = new Hono<NodeEnv>();
  app.use(requestLog({ logger: ctx.logger }));
  const limitFor = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ProblemError(
          413,
          'payload_too_large',
          'the request body is too large',
          `at most ${maxSize} bytes`,
          undefined,
          // The rest of the body is not read, so the connection cannot be reused: say so.
          { connection: 'close' },
        );
      },
    });
  const inboxLimit = limitFor(maxInboxBytes);
  const defaultLimit = limitFor(maxBodyBytes);
  app.use(function bodyLimits(c, next) {
    return c.req.path === '/fed/v1/inbox' ? inboxLimit(c, next) : defaultLimit(c, next);
  });
  for (const register of routes) register(app, ctx);
  app.notFound(notFoundHandler(allowedMethods(app)));
  app.onError(errorHandler(ctx.logger));
  return app;
}
