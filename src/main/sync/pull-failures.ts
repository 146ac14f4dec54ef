import { z } from 'zod';
import { UnreadableRemoteSchema, type UnreadableRemoteView } from '../../shared/rpc/methods/sync';
import type { PullFailure } from './pull';
import type { SyncStore } from './store';

const KEY = 'pull_failures';
/** The Sync screen lists them; a remote sending thousands of broken documents still fits. */
const MAX_KEPT = 500;

/** Keep what the last pull of `remoteId` could not read, for the Sync screen and `sync status`. */
export function storeUnreadable(store: SyncStore, remoteId: string, failures: readonly PullFailure[]): void {
  if (failures.length === 0) {
    store.clearState(remoteId, KEY);
    return;
  }
  const kept: UnreadableRemoteView[] = failures.slice(0, MAX_KEPT).map((f) => ({
    remoteObjectId: f.remoteObjectId,
    accountId: f.accountId,
    accountName: f.accountName,
    reason: f.message,
    portId: f.portId,
  }));
  store.setState(remoteId, KEY, JSON.stringify(kept));
}

/** What the last pull could not read; a stored value PortDesk cannot read reads as none. */
export function readUnreadable(store: SyncStore, remoteId: string): UnreadableRemoteView[] {
  const raw = store.getState(remoteId, KEY);
  if (!raw) return [];
  try {
    const parsed = z.array(UnreadableRemoteSchema).safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
