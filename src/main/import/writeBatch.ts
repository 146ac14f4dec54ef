import { checkpoint, openSiblingConnection, storageError, type Db } from '../db/connection';
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
  return onOwnConnection(request.store, (db) => writeImportBatch(createRepos(db), request.groups, request.source, request.now, request.remoteId));
}

/** Copy what the store's WAL holds into its file, on a connection of this thread's own. */
export function checkpointHere(store: StoreLocation): void {
  onOwnConnection(store, checkpoint);
}

/** Run `work` on a connection of this thread's own to the store, closed after; its failure said as the store's. */
function onOwnConnection<T>(store: StoreLocation, work: (db: Db) => T): T {
  const { file, nativeBinding } = store;
  const db = openSiblingConnection(file, nativeBinding ? { nativeBinding } : {});
  try {
    return work(db);
  } catch (err) {
    throw storageError(err, file);
  } finally {
    db.close();
  }
}
