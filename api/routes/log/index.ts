import type { Hono } from 'hono';
import type { NodeContext, NodeEnv } from '../../context.js';
import checkpoint from './checkpoint.js';
import consistency from './consistency.js';
import cosignature from './cosignature.js';
import inclusion from './inclusion.js';

/** The verifiable log's federation routes: checkpoint, cosignatures, inclusion and consistency proofs. */
export default function logRoutes(app: Hono<NodeEnv>, ctx: NodeContext) {
  checkpoint(app, ctx);
  cosignature(app, ctx);
  inclusion(app, ctx);
  consistency(app, ctx);
}
