import { create } from 'zustand';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { ConflictViewSchema, RemoteInfoSchema, SyncStatusView } from '../../../shared/rpc/methods/sync';
import { rpc } from '../rpc/transport';
import { usePortsStore } from '../stores/portsStore';
import { messageOf } from '../lib/messageOf';

export type RemoteInfo = z.infer<typeof RemoteInfoSchema>;
export type ConflictView = z.infer<typeof ConflictViewSchema>;

/** What the Sync and Settings screens show: remotes, per-remote status and open conflicts. */
export interface SyncState {
  remotes: RemoteInfo[];
  status: SyncStatusView | null;
  conflicts: ConflictView[];
  loaded: boolean;
  loadError: string | null;
  /** A port the board's sync badge asked the Sync screen to bring into view. */
  focusPortId: string | null;
  refresh(): Promise<void>;
  /** After acting on a port: refresh this store and the port's card at once. */
  refreshAfter(portId: string): Promise<void>;
  focusPort(id: string | null): void;
}

export { messageOf };

/** Refreshes overlap (events, the button, a remount): an answer older than one already shown is dropped. */
let refreshesAsked = 0;
let refreshShown = 0;

export const useSyncStore = create<SyncState>()((set, get) => ({
  remotes: [],
  status: null,
  conflicts: [],
  loaded: false,
  loadError: null,
  focusPortId: null,
  refresh: async () => {
    const asked = (refreshesAsked += 1);
    try {
      const [remotes, status, conflicts] = await Promise.all([rpc.call('remotes.list', {}), rpc.call('sync.status', {}), rpc.call('conflicts.list', {})]);
      if (asked < refreshShown) return;
      refreshShown = asked;
      set({ remotes, status, conflicts, loaded: true, loadError: null });
    } catch (err) {
      if (asked < refreshShown) return;
      refreshShown = asked;
      set({ loaded: true, loadError: messageOf(err) });
    }
  },
  // conflicts.resolve commits without a change event, and the engine's event for a requeued port
  // comes only once its push ran: without this the card would show the old badge until then.
  refreshAfter: async (portId) => {
    const [summaries] = await Promise.all([rpc.call('ports.summaries', { ids: [portId] }).catch(() => []), get().refresh()]);
    usePortsStore.getState().upsert(summaries);
  },
  focusPort: (focusPortId) => set({ focusPortId }),
}));

/**
 * Keep the store fresh while a sync view is mounted. Status events come one per engine step and
 * port events one per write, so refreshes are coalesced to at most one per 200 ms.
 */
export function startSyncFeed(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      void useSyncStore.getState().refresh();
    }, 200);
  };
  void useSyncStore.getState().refresh();
  const stop = rpc.subscribe(schedule);
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}
