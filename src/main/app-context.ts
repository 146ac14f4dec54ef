import { openDatabase, type Db } from './db/connection';
import { SCHEMA_VERSION } from './db/migrations';
import { createRepos, type Repos } from './db/repos';
import { ChangeBus } from './services/changes';
import { PortsService } from './services/ports-service';
import { createRouter, type Router } from './rpc/router';
import { portHandlers } from './rpc/handlers/ports';
import { watchExternalChanges } from './services/external-changes';
import { watchRemoteMoves } from './services/remote-moves';
import type { AppInfo } from '../shared/rpc/methods/app';
import { APP_VERSION } from './version';
import { ContentStore } from './documents';
import { DocumentsService } from './services/documents-service';
import { BlobSweeper, type SweepResult } from './services/blob-sweeper';
import { toAppError, type AppErrorShape } from '../shared/errors';
import { LoaService } from './services/loa-service';
import { documentHandlers } from './rpc/handlers/documents';
import { dirname, join } from 'node:path';
import { RemotesService } from './services/remotes-service';
import { keyFileBox, type SecretBox } from './services/secrets';
import { SyncEngine } from './sync/engine';
import { syncHandlers } from './rpc/handlers/sync';
import { ImportService } from './services/import-service';
import { importHandlers } from './rpc/handlers/import';
import { CommentsService } from './services/comments-service';
import { TagsService } from './services/tags-service';
import { tagHandlers } from './rpc/handlers/tags';
import { commentHandlers } from './rpc/handlers/comments';
import { ViewsService } from './services/views-service';
import { ExportService } from './services/export-service';
import { viewHandlers } from './rpc/handlers/views';

export interface AppContextOptions {
  dbPath: string;
  shell: AppInfo['shell'];
  nativeBinding?: string | undefined;
  /** Token encryption; the Electron entry passes safeStorageBox(safeStorage), others get the key file beside the database. */
  secrets?: SecretBox;
  /** Start background sync (default: not in the CLI). */
  backgroundSync?: boolean;
}

/** Everything one running PortDesk (Electron, host or CLI) holds: the store, services and router. */
export interface AppContext {
  db: Db;
  repos: Repos;
  changes: ChangeBus;
  ports: PortsService;
  documents: DocumentsService;
  loa: LoaService;
  remotes: RemotesService;
  sync: SyncEngine;
  imports: ImportService;
  tags: TagsService;
  views: ViewsService;
  exports: ExportService;
  router: Router;
  /**
   * The start-up sweep of content-store blobs nothing references (not run by the CLI, which is
   * short-lived); resolves with what it removed, or the error that stopped it.
   */
  startupSweep: Promise<SweepResult | AppErrorShape>;
  close(): void;
}

/** Open the store and wire services and the router over it. */
export function createAppContext(options: AppContextOptions): AppContext {
  const db = openDatabase(options.dbPath, { nativeBinding: options.nativeBinding });
  const repos = createRepos(db);
  const changes = new ChangeBus();
  const remotes = new RemotesService(repos, options.secrets ?? keyFileBox(dirname(options.dbPath)), changes);
  // Attachment bytes live beside the database, so a copied data directory keeps its documents.
  const store = new ContentStore(join(dirname(options.dbPath), 'attachments'));
  const blobs = new BlobSweeper(repos.attachments, store);
  const ports = new PortsService(repos, changes, undefined, { defaultId: () => remotes.defaultId(), name: (id) => remotes.get(id).name }, (shas) => blobs.release(shas));
  const comments = new CommentsService(repos, changes);
  const tags = new TagsService(repos, changes);
  const documents = new DocumentsService(repos, store, changes);
  const sync = new SyncEngine({ db, repos, changes, remotes, content: store, owner: `PortDesk ${options.shell}` });
  const loa = new LoaService(repos, documents, (portId) => sync.fetchLoa(portId));
  const views = new ViewsService(repos);
  const exports = new ExportService(repos);
  const imports = new ImportService({
    repos,
    store: { file: options.dbPath, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) },
    changes,
    remoteConfig: (id) => remotes.config(id),
    defaultRemoteId: () => remotes.defaultId(),
  });
  const router = createRouter({
    'app.info': () => ({ version: APP_VERSION, schemaVersion: SCHEMA_VERSION, dbPath: options.dbPath, shell: options.shell }),
    ...portHandlers(ports),
    ...documentHandlers(documents, loa, options.shell === 'electron'),
    ...syncHandlers(remotes, sync, changes),
    ...importHandlers(imports),
    ...commentHandlers(comments),
    ...tagHandlers(tags),
    ...viewHandlers(views, exports),
  });
  if (options.backgroundSync ?? options.shell !== 'cli') sync.start();
  const stopWatching = options.shell === 'cli' ? () => undefined : watchExternalChanges(db, changes);
  // Views announce what the carrier did; Electron also raises OS notifications from these events.
  const stopMoves = options.shell === 'cli' ? () => undefined : watchRemoteMoves(repos, changes, (change) => changes.emit({ type: 'remoteMove', change }));
  const startupSweep = options.shell === 'cli' ? Promise.resolve({ removed: [], tempFiles: 0 }) : blobs.sweep().catch(toAppError);
  return {
    db,
    repos,
    changes,
    ports,
    documents,
    loa,
    remotes,
    sync,
    imports,
    tags,
    views,
    exports,
    router,
    startupSweep,
    close: () => {
      sync.stop();
      stopWatching();
      stopMoves();
      db.close();
    },
  };
}
