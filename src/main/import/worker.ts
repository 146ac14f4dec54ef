/**
 * Import worker entry: reads the source, sends the table (with a preview), then normalises rows
 * in batches, sending each batch with a progress report. Runs off the main process's event
 * loop; the main side cancels it by terminating the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toAppError } from '../../shared/errors';
import { readSource, type ImportSource } from './source';
import { readImportFile } from './file';
import { chooseMapping } from './columns';
import { analyseRow } from './plan';
import { PREVIEW_ROWS, WORKER_BATCH_ROWS } from './limits';
import type { WorkerMessage, WorkerRequest } from './protocol';

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

async function resolveSource(request: WorkerRequest): Promise<ImportSource | WorkerMessage> {
  const { source } = request;
  if (source.kind !== 'path') return source;
  const read = await readImportFile(source.path, request.sourceOptions?.maxBytes);
  if (!read.ok) return { type: 'error', error: read.error };
  return { kind: 'file', bytes: read.bytes, fileName: source.path };
}

async function run(request: WorkerRequest): Promise<void> {
  const source = await resolveSource(request);
  if ('type' in source) return post(source);
  const read = await readSource(source, request.sourceOptions);
  if (!read.ok) return post({ type: 'error', error: read.error });
  const { rows, ...info } = read.table;
  const { mapping, mappingSource, signature } = chooseMapping(read.table, request.mapping, request.remembered, request.planOptions.defaultCountry);
  post({
    type: 'table',
    table: { ...info, totalRows: rows.length, preview: rows.slice(0, PREVIEW_ROWS), mapping, mappingSource, signature },
  });
  const batchRows = request.batchRows ?? WORKER_BATCH_ROWS;
  const started = performance.now();
  for (let i = 0; i < rows.length; i += batchRows) {
    const batch = rows.slice(i, i + batchRows).map((r) => analyseRow(r, info.headers, mapping, request.planOptions));
    post({ type: 'batch', rows: batch });
    const done = Math.min(i + batchRows, rows.length);
    const seconds = (performance.now() - started) / 1000;
    post({ type: 'progress', progress: { done, total: rows.length, rowsPerSecond: seconds > 0 ? Math.round(done / seconds) : done } });
  }
  post({ type: 'done' });
}

run(workerData as WorkerRequest).catch((err: unknown) => post({ type: 'error', error: toAppError(err) }));
