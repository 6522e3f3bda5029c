import type { Hono } from 'hono';
import { type CosignatureReceipt, cosignatureRequestSchema } from '../../../schemas/api/log.js';
import type { NodeContext, NodeEnv } from '../../context.js';
import { peerAuth } from '../../fed/peer-auth.js';
import { readJsonBody } from '../../http/json-body.js';
import { acceptCosignature } from '../../log/cosignatures.js';

/**
 * POST /fed/v1/log/cosignature: a peer, as witness, returns its cosignature of one of this node's
 * checkpoints. It must verify under a witness key pinned for the calling member; it is then served with
 * that checkpoint. 201 when stored, 200 when that key had already cosigned it.
 */
export default function cosignature(app: Hono<NodeEnv>, ctx: NodeContext) {
  app.post('/fed/v1/log/cosignature', peerAuth({ ctx, operation: 'checkpoint.cosign' }), async (c) => {
    const request = await readJsonBody(c, cosignatureRequestSchema, 'the cosignature');
    const witness = c.get('peer');
    const { stored } = await acceptCosignature(ctx, witness, BigInt(request.size), request.cosignature);
    const body: CosignatureReceipt = { size: request.size, witness, stored };
    return c.json(body, stored ? 201 : 200);
  });
}
