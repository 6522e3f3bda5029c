import type { Hono } from 'hono';
import { checkpointQuerySchema, type LogCheckpoint } from '../../../schemas/api/log.js';
import { encodeBase64 } from '../../../sdk/keys/index.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { peerOrReaderAuth } from '../../http/middleware/peer-or-reader-auth.js';
import { queryObject } from '../../http/params.js';
import { parseQueryOrProblem } from '../../http/validation.js';
import { currentCheckpoint } from '../../log/checkpoint.js';
import { cosignedNote } from '../../log/cosignatures.js';
import { logOrigin } from '../../log/names.js';

/**
 * GET /fed/v1/log/checkpoint[?format=json]: the latest checkpoint (signed on the spot when the log grew
 * since the last one) as a C2SP signed note, with the cosignatures witnesses gave it as further lines.
 */
export default function checkpoint(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.get('/fed/v1/log/checkpoint', peerOrReaderAuth({ ctx, operation: 'log.read' }), async (c) => {
    const { format } = parseQueryOrProblem(checkpointQuerySchema, queryObject(c));
    const latest = await currentCheckpoint(ctx);
    const note = await cosignedNote(ctx.db, latest);
    if (format === 'json') {
      const body: LogCheckpoint = {
        origin: logOrigin(ctx.member),
        size: Number(latest.size),
        rootHash: encodeBase64(latest.rootHash),
        note,
      };
      return c.json(body, 200, { 'cache-control': 'no-store' });
    }
    return c.body(note, 200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  });
}
