/**
 * Import worker entry: reads the source in a stream, sends the table's head (shape, mapping,
 * first rows) as soon as it is read, then normalises rows in batches, sending each batch (as
 * one JSON text, staged as it is) with a progress report, and finally the table's complete shape; then
 * waits, and commits the import when main asks (writeBatch.ts). Runs off the main process's event
 * loop; the main side cancels it by terminating the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toAppError } from '../../shared/errors';
import { streamSource, type ImportSource } from './source';
import { readImportFile } from './file';
import { chooseMapping, type ColumnMapping } from './columns';
import { analyseRow, IgnoredCells } from './plan';
import { rangeBudget } from './ranges';
import { MAX_BATCHES_IN_FLIGHT, PREVIEW_ROWS, WORKER_BATCH_ROWS } from './limits';
import type { SourceRow, SourceTable } from './table';
import type { MainMessage, WorkerMessage, WorkerRequest } from './protocol';

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
  const batchRows = request.batchRows ?? WORKER_BATCH_ROWS;
  const planOptions = { ...request.planOptions, rangeBudget: rangeBudget() };
  const started = performance.now();
  let chosen: { mapping: ColumnMapping; mappingSource: 'given' | 'remembered' | 'guessed'; signature: string } | undefined;
  let head: SourceTable | undefined;
  let done = 0;
  let sent = 0;
  const staged = request.staged ? new Int32Array(request.staged) : undefined;
  // Parsing is synchronous (Papa Parse's chunk loop), so the wait for main is a blocking one:
  // this thread has nothing else to do meanwhile.
  const waitForMain = () => {
    if (!staged) return;
    for (let seen = Atomics.load(staged, 0); sent - seen > MAX_BATCHES_IN_FLIGHT; seen = Atomics.load(staged, 0)) Atomics.wait(staged, 0, seen, 1_000);
  };
  let pending: SourceRow[] = [];
  const ignored = new IgnoredCells();
  const flush = (read: number) => {
    if (!head || !chosen || pending.length === 0) return;
    const { headers } = head;
    const { mapping } = chosen;
    const batch = pending.map((r) => analyseRow(r, headers, mapping, planOptions, ignored));
    pending = [];
    // One string: copied across at once, where a structured clone of the rows' objects cost
    // more than normalising them, and staged by main as it comes (stagedPlan.ts). One
    // JSON.stringify of the batch costs a third of one a row joined into lines.
    post({ type: 'batch', json: JSON.stringify(batch) });
    sent++;
    done += batch.length;
    const seconds = (performance.now() - started) / 1000;
    // The total is known only at the end of a stream: until then it is estimated from the share read.
    const total = read >= 1 ? done : Math.max(done, Math.round(done / Math.max(read, 1e-6)));
    post({ type: 'progress', progress: { done, total, rowsPerSecond: seconds > 0 ? Math.round(done / seconds) : done } });
    waitForMain();
  };
  let lastRead = 0;
  const take = (rows: SourceRow[], read: number) => {
    lastRead = read;
    for (const r of rows) {
      pending.push(r);
      if (pending.length >= batchRows) flush(read);
    }
  };
  const read = await streamSource(source, request.sourceOptions ?? {}, {
    head: (table) => {
      head = table;
      chosen = chooseMapping(table, request.mapping, request.remembered, request.planOptions.defaultCountry, request.groupBy);
      const { rows, ...info } = table;
      post({ type: 'table', table: { ...info, totalRows: 0, preview: rows.slice(0, PREVIEW_ROWS), ...chosen } });
    },
    rows: take,
  });
  if (!read.ok) return post({ type: 'error', error: read.error });
  flush(Math.max(lastRead, 1));
  if (!head || !chosen) return post({ type: 'error', error: { code: 'INTERNAL', message: 'The import worker finished without reading a table' } });
  const { totalRows, ...info } = read.table;
  post({ type: 'done', table: { ...info, problems: [...info.problems, ...ignored.problems(info.headers)], totalRows, preview: [], ...chosen } });
  // Loaded while main plans, so a commit does not wait for it; its failure is the write's to report.
  loadWriter().catch(() => undefined);
}

/**
 * The database code (the driver, the repositories), loaded once the source is read: reading a
 * file does not pay for it, and a commit asked right away (the CLI) finds it loaded.
 */
let writer: Promise<typeof import('./writeBatch')> | undefined;
const loadWriter = () => (writer ??= import('./writeBatch'));

/**
 * The request, its source no longer held by workerData, which lives as long as the thread: a
 * file's or a paste's bytes (given, not read from a path) are then garbage once read, not kept
 * through the idle wait and the commit. A request sent as a message is held by nothing else.
 */
function takeRequest(data: WorkerRequest): WorkerRequest {
  const request = { ...data };
  (data as Partial<WorkerRequest>).source = undefined;
  return request;
}

const read = (request: WorkerRequest) => run(request).catch((err: unknown) => post({ type: 'error', error: toAppError(err) }));

// A thread started for its import has the request as workerData; one started ahead of it
// (prestartImportWorker) is sent it. Once the source is read, main may ask it to commit.
if (workerData) void read(takeRequest(workerData as WorkerRequest));
parentPort?.on('message', (message: MainMessage) => {
  if (message.type === 'read') return void read(message.request);
  loadWriter()
    .then(({ writeBatchHere, checkpointHere }): WorkerMessage => {
      if (message.type === 'checkpoint') {
        checkpointHere(message.store);
        return { type: 'checkpointed' };
      }
      return { type: 'written', result: writeBatchHere(message) };
    })
    .then(post)
    .catch((err: unknown) => post({ type: 'error', error: toAppError(err) }));
});
