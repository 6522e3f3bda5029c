import type { Worker } from 'node:worker_threads';
import { SightlineError } from '../../../sdk/errors.js';
import type { ChunkReply, ChunkRequest, WireVerification } from './messages.js';

/** A chunk's results and the worker thread that computed them. */
export interface ChunkOutcome {
  threadId: number;
  results: WireVerification[];
}

interface InFlight {
  worker: Worker;
  id: number;
  resolve: (outcome: ChunkOutcome) => void;
  reject: (error: Error) => void;
}

/**
 * One worker thread running one chunk at a time. Started on first use and again after a crash (so a worker
 * that cannot even start fails each batch instead of respawning in a loop). Referenced only while a chunk is in
 * flight, so an idle pool never keeps the process alive.
 */
export class WorkerSlot {
  readonly #spawn: () => Worker;
  #worker: Worker | undefined;
  #inFlight: InFlight | undefined;
  #closing = false;

  constructor(spawn: () => Worker) {
    this.#spawn = spawn;
  }

  get busy(): boolean {
    return this.#inFlight !== undefined;
  }

  /** Sends one chunk; rejects with SightlineError `verify_worker_crashed` if the worker dies before answering. */
  run(request: ChunkRequest): Promise<ChunkOutcome> {
    if (this.#inFlight) throw new Error('WorkerSlot.run called while a chunk is in flight');
    if (this.#closing) return Promise.reject(closedError());
    const worker = this.#worker ?? this.#start();
    return new Promise<ChunkOutcome>((resolve, reject) => {
      this.#inFlight = { worker, id: request.id, resolve, reject };
      worker.ref();
      try {
        worker.postMessage(request);
      } catch (error) {
        this.#settle(worker)?.reject(error as Error);
      }
    });
  }

  /** Stops the worker; a chunk in flight rejects with SightlineError `verify_pool_closed`. */
  async terminate(): Promise<void> {
    this.#closing = true;
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
    // terminate() resolves before the 'exit' event is delivered; never leave a caller waiting on it.
    if (worker) this.#settle(worker)?.reject(closedError());
  }

  #start(): Worker {
    const worker = this.#spawn();
    let crash: Error | undefined;
    worker.on('message', (reply: ChunkReply) => this.#onReply(worker, reply));
    worker.on('error', (error: Error) => {
      crash = error;
    });
    worker.on('messageerror', (error: Error) => {
      const message = 'verify worker sent a reply that could not be deserialized';
      this.#settle(worker)?.reject(new SightlineError('verify_worker_failed', message, { cause: error }));
    });
    worker.on('exit', (code: number) => {
      if (this.#worker === worker) this.#worker = undefined;
      const error = this.#closing
        ? closedError()
        : new SightlineError(
            'verify_worker_crashed',
            `verify worker exited (code ${code}) before answering`,
            {
              cause: crash,
            },
          );
      this.#settle(worker)?.reject(error);
    });
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  #onReply(worker: Worker, reply: ChunkReply): void {
    if (this.#inFlight?.id !== reply.id) return;
    const inFlight = this.#settle(worker);
    if (!inFlight) return;
    if ('error' in reply) {
      const { code, message } = reply.error;
      inFlight.reject(new SightlineError(code ?? 'verify_worker_failed', message));
    } else {
      inFlight.resolve({ threadId: reply.threadId, results: reply.results });
    }
  }

  /** Takes the chunk in flight on `worker` (if any) and lets the worker go idle. */
  #settle(worker: Worker): InFlight | undefined {
    const inFlight = this.#inFlight;
    if (inFlight?.worker !== worker) return undefined;
    this.#inFlight = undefined;
    worker.unref();
    return inFlight;
  }
}

function closedError(): SightlineError {
  return new SightlineError('verify_pool_closed', 'verify pool was closed before the batch finished');
}
