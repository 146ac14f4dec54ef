import type { ImportService } from '../../services/import-service';
import type { Handlers } from '../router';

type ImportHandlers = Pick<
  Handlers,
  'import.start' | 'import.status' | 'import.rows' | 'import.fixRow' | 'import.remap' | 'import.cancel' | 'import.portability' | 'import.commit' | 'import.undo' | 'import.list'
>;

export function importHandlers(imports: ImportService): ImportHandlers {
  return {
    'import.start': ({ source, ...rest }) =>
      imports.start({
        ...rest,
        // The file's bytes cross RPC as base64 (JSON has no binary); decoded once here.
        source: source.kind === 'paste' ? source : { kind: 'file', name: source.name, bytes: new Uint8Array(Buffer.from(source.base64, 'base64')) },
      }),
    'import.status': ({ jobId, wait }) => imports.status(jobId, wait),
    'import.rows': ({ jobId, offset, limit, filter }) => imports.rows(jobId, offset, limit, filter),
    'import.fixRow': ({ jobId, row, cells }) => imports.fixRow(jobId, row, cells),
    'import.remap': ({ jobId, ...change }) => imports.remap(jobId, change),
    'import.cancel': ({ jobId }) => imports.cancel(jobId),
    'import.portability': ({ jobId, remoteId }) => imports.checkPortability(jobId, remoteId),
    'import.commit': ({ jobId, ...options }) => imports.commit(jobId, options),
    'import.undo': ({ batchId }) => imports.undo(batchId),
    'import.list': ({ limit }) => imports.batches(limit),
  };
}
