/**
 * Attachment inspection worker: runs intake (bounds checks, pdf-lib parsing, image conversion)
 * off the main thread under a heap limit, so a hostile file costs this thread, never the app.
 */
import { parentPort } from 'node:worker_threads';
import { toAppError } from '../../shared/errors';
import { inspectDocument } from './intake';
import type { InspectReply, InspectRequest } from './inspectProtocol';

parentPort?.on('message', (request: InspectRequest) => {
  inspectDocument(request.bytes, request.filename).then(
    (doc) => parentPort?.postMessage({ id: request.id, ok: true, doc } satisfies InspectReply),
    (err: unknown) => parentPort?.postMessage({ id: request.id, ok: false, error: toAppError(err) } satisfies InspectReply),
  );
});
