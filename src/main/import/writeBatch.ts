import { checkpoint, openSiblingConnection, storageError } from '../db/connection';
import { createRepos } from '../db/repos';
import { writeImportBatch, type BatchWrite } from './batches';
import type { StoreLocation, WriteRequest } from './protocol';

/**
 * Commit an import from the worker thread, on a connection of its own: the one transaction
 * (all or nothing, like {@link writeImportBatch} on any connection) runs off the event loop that
 * serves the window. The store is in WAL mode, so main keeps reading meanwhile; a write on main
 * waits for this one (busy timeout) as it would for another process.
 */
export function writeBatchHere(request: WriteRequest): BatchWrite {
  const { file, nativeBinding } = request.store;
  const db = openSiblingConnection(file, nativeBinding ? { nativeBinding } : {});
  try {
    return writeImportBatch(createRepos(db), request.groups, request.source, request.now, request.remoteId);
  } catch (err) {
    throw storageError(err, file);
  } finally {
    db.close();
  }
}

/** Copy what the store's WAL holds into its file, on a connection of this thread's own. */
export function checkpointHere(store: StoreLocation): void {
  const db = openSiblingConnection(store.file, store.nativeBinding ? { nativeBinding: store.nativeBinding } : {});
  try {
    checkpoint(db);
  } catch (err) {
    throw storageError(err, store.file);
  } finally {
    db.close();
  }
}
