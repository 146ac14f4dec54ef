import { AppError } from '../../../shared/errors';
import type { RemotesService } from '../../services/remotes-service';
import { applyResolution, conflictingKeys, mergeSides } from '../../sync/conflicts';
import type { SyncEngine } from '../../sync/engine';
import type { ChangeBus } from '../../services/changes';
import type { Handlers } from '../router';

type SyncHandlers = Pick<
  Handlers,
  'remotes.list' | 'remotes.add' | 'remotes.remove' | 'remotes.setDefault' | 'remotes.setToken' | 'remotes.setTrustedCa' | 'documents.fetchRemote' | 'sync.status' | 'sync.now' | 'sync.acceptCharges' | 'sync.retry' | 'sync.settleDuplicate' | 'conflicts.list' | 'conflicts.resolve'
>;

export function syncHandlers(remotes: RemotesService, engine: SyncEngine, changes: ChangeBus, now: () => number = Date.now): SyncHandlers {
  // A resolved or requeued port changes its badge on every open view, not only the one that asked.
  const touched = <T>(portId: string, result: T): T => {
    changes.emit({ type: 'ports', ids: [portId], removed: [] });
    changes.emit({ type: 'sync' });
    return result;
  };
  return {
    'remotes.list': () => remotes.list(),
    'remotes.add': (input) => remotes.add(input),
    'remotes.remove': ({ id }) => {
      remotes.remove(id);
      return { removed: id };
    },
    'remotes.setDefault': ({ id }) => remotes.setDefault(id),
    'remotes.setToken': ({ id, token, apiUser }) => remotes.setToken(id, token, apiUser),
    'remotes.setTrustedCa': ({ id, trustedCa }) => remotes.setTrustedCa(id, trustedCa),
    'documents.fetchRemote': ({ attachmentId }) => engine.fetchAttachment(attachmentId),
    'sync.status': () => engine.status(),
    // The specialist waits on it: an unreachable remote is said at once, not after 30 s of retries.
    'sync.now': (input) => engine.syncNow({ ...input, waitMs: 30_000, stopWhenUnreachable: true }),
    'sync.acceptCharges': ({ portId }) => touched(portId, engine.acceptCharges(portId)),
    'sync.retry': ({ portId }) => touched(portId, engine.retry(portId)),
    'sync.settleDuplicate': async ({ remoteId, remoteObjectId, action }) => {
      await engine.settleDuplicate(remoteId, remoteObjectId, action);
      changes.emit({ type: 'sync' });
      return { remoteObjectId, action };
    },
    'conflicts.list': () => engine.store.repos.conflicts.list().map((c) => ({ portId: c.portId, local: c.local, remote: c.remote, differs: conflictingKeys(c, engine.store.repos.ports.mergeBase(c.portId).base), detectedAt: c.detectedAt })),
    'conflicts.resolve': ({ portId, choices }) => {
      const conflict = engine.store.repos.conflicts.get(portId);
      if (!conflict) throw new AppError('NOT_FOUND', `Port ${portId} has no conflict to resolve`, { portId });
      applyResolution(engine.store.repos, conflict, mergeSides(conflict, choices, engine.store.repos.ports.mergeBase(portId).base), now());
      return touched(portId, { portId, resolved: true });
    },
  };
}
