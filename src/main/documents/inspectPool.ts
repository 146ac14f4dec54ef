import type { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { startSiblingWorker } from '../worker-thread';
import type { AcceptedDocument } from './intake';
import type { InspectReply, InspectRequest } from './inspectProtocol';
import { INSPECT_WORKER_HEAP_MB } from './limits';

interface Pending {
  filename: string;
  resolve(doc: AcceptedDocument): void;
  reject(err: AppError): void;
}

/**
 * One inspection worker, started on first use and kept (pdf-lib loads once), with a heap limit.
 * When a file exhausts it, the worker dies, that check is refused, and the next file gets a new
 * worker. It holds the process open only while a check is running.
 */
export class InspectPool {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly callerUrl: string) {}

  /** Start the worker now, without holding the process open, so the next check does not wait for it. */
  warm(): void {
    (this.worker ??= this.start()).unref();
  }

  inspect(bytes: Uint8Array, filename: string): Promise<AcceptedDocument> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    worker.ref();
    return new Promise<AcceptedDocument>((resolve, reject) => {
      this.pending.set(id, { filename, resolve, reject });
      worker.postMessage({ id, bytes, filename } satisfies InspectRequest);
    });
  }

  private start(): Worker {
    const worker = startSiblingWorker(this.callerUrl, 'inspectWorker', { resourceLimits: { maxOldGenerationSizeMb: INSPECT_WORKER_HEAP_MB } });
    worker.on('message', (reply: InspectReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) p.resolve(reply.doc);
      else p.reject(new AppError(reply.error.code, reply.error.message, reply.error.details));
    });
    worker.on('error', (err: Error & { code?: string }) => this.fail(worker, err));
    worker.on('exit', (code) => this.fail(worker, new Error(`exit code ${code}`)));
    return worker;
  }

  private fail(worker: Worker, err: Error & { code?: string }): void {
    if (this.worker === worker) this.worker = undefined;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError('FILE', `"${p.filename}" needs more than ${INSPECT_WORKER_HEAP_MB} MB of memory to check, so it was not attached. Print it to a new PDF ("Save as PDF") and attach that copy.`, { reason: 'memory' })
          : new AppError('INTERNAL', `Checking "${p.filename}" stopped unexpectedly (${err.message})`),
      );
    }
  }
}
