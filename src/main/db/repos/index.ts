import type { Db } from '../connection';
import { PortsRepo } from './ports-repo';
import { NumbersRepo } from './numbers-repo';
import { EventsRepo } from './events-repo';
import { OutboxRepo } from './outbox-repo';
import { AttachmentsRepo } from './attachments-repo';
import { CommentsRepo } from './comments-repo';
import { TagsRepo } from './tags-repo';
import { ConflictsRepo } from './conflicts-repo';
import { SyncStateRepo } from './sync-state-repo';
import { ImportBatchesRepo } from './import-batches-repo';
import { RemotesRepo } from './remotes-repo';
import { SyncLeaseRepo } from './sync-lease-repo';
import { ViewsRepo } from './views-repo';
import { RemoteAccountsRepo } from './remote-accounts-repo';

/** Every repository over one connection, prepared once. */
export interface Repos {
  db: Db;
  ports: PortsRepo;
  numbers: NumbersRepo;
  events: EventsRepo;
  outbox: OutboxRepo;
  attachments: AttachmentsRepo;
  comments: CommentsRepo;
  tags: TagsRepo;
  conflicts: ConflictsRepo;
  syncState: SyncStateRepo;
  importBatches: ImportBatchesRepo;
  remotes: RemotesRepo;
  syncLease: SyncLeaseRepo;
  /** Saved work-queue views and local settings. */
  views: ViewsRepo;
  remoteAccounts: RemoteAccountsRepo;
}

export function createRepos(db: Db): Repos {
  return {
    db,
    ports: new PortsRepo(db),
    numbers: new NumbersRepo(db),
    events: new EventsRepo(db),
    outbox: new OutboxRepo(db),
    attachments: new AttachmentsRepo(db),
    comments: new CommentsRepo(db),
    tags: new TagsRepo(db),
    conflicts: new ConflictsRepo(db),
    syncState: new SyncStateRepo(db),
    importBatches: new ImportBatchesRepo(db),
    remotes: new RemotesRepo(db),
    syncLease: new SyncLeaseRepo(db),
    views: new ViewsRepo(db),
    remoteAccounts: new RemoteAccountsRepo(db),
  };
}
