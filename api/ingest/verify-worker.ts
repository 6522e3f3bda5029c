// Worker thread entry of the verify pool (api/ingest/verify-pool.ts): verifies chunks with the same
// sdk verifyRecord the main thread uses, against a key set cached by fingerprint.
import { parentPort, threadId } from 'node:worker_threads';
import { verifyRecord } from '../../sdk/record/index.js';
import { KeySetCache } from './verify-pool/key-sets.js';
import { type ChunkReply, type ChunkRequest, toWire } from './verify-pool/messages.js';

const port = parentPort;
if (!port) throw new Error('verify-worker must run as a worker thread');
const keySets = new KeySetCache();

port.on('message', (request: ChunkRequest) => {
  let reply: ChunkReply;
  try {
    const { resolve } = keySets.get(request.fingerprint, request.keys);
    const results = request.jwsList.map((jws) => toWire(verifyRecord(jws, resolve)));
    reply = { id: request.id, threadId, results };
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    reply = {
      id: request.id,
      threadId,
      error: { ...(typeof code === 'string' ? { code } : {}), message: String(message ?? error) },
    };
  }
  port.postMessage(reply);
});
