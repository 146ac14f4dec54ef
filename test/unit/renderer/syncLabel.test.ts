import { describe, expect, it } from 'vitest';
import type { RemoteSyncStatus, SyncStatusView } from '../../../src/shared/rpc/methods/sync';
import { syncLabel } from '../../../src/renderer/src/shell/syncLabel';
import { timeAgo } from '../../../src/renderer/src/lib/relativeTime';

const NOW = new Date(2026, 10, 25, 19, 40, 0).getTime();

function remote(patch: Partial<RemoteSyncStatus>): RemoteSyncStatus {
  return { remoteId: 'r', name: 'Kazoo', kind: 'kazoo', state: 'online', message: null, offlineSince: null, lastSyncedAt: null, progress: null, queued: 0, blocked: 0, conflicts: 0, heldRemovals: null, lateCreates: [], duplicates: [], unreadable: [], ...patch };
}

function view(state: SyncStatusView['state'], remotes: RemoteSyncStatus[], summary = 'from main'): SyncStatusView {
  return { state, summary, remotes, localOnly: { ports: 0, keptLocal: 0, changes: 0 } };
}

describe('sync status line', () => {
  it('says since when the remote is offline in local clock time, never an ISO timestamp', () => {
    const since = new Date(2026, 10, 25, 19, 35, 5).getTime();
    const label = syncLabel(view('offline', [remote({ state: 'offline', offlineSince: since })], `Offline since ${new Date(since).toISOString()}`), NOW);
    // The clock follows the user's locale (19:35 or 07:35 PM); what matters is a time, not ISO text.
    expect(label).toMatch(/^Offline since (19|07):35( PM)?$/);
  });

  it('names the day when the remote went offline before today', () => {
    const since = new Date(2026, 10, 24, 8, 5).getTime();
    expect(syncLabel(view('offline', [remote({ offlineSince: since })]), NOW)).toMatch(/^Offline since .*24.*08:05( AM)?$/);
  });

  it('says how long ago the last sync was', () => {
    expect(syncLabel(view('online', [remote({ lastSyncedAt: NOW - 2 * 60_000 - 5_000 })]), NOW)).toBe('Online, last synced 2 min ago');
    expect(syncLabel(view('online', [remote({})]), NOW)).toBe('Online, not synced yet');
  });

  it("keeps main's wording for states without a time", () => {
    expect(syncLabel(view('syncing', [remote({})], 'Syncing 3 of 9'), NOW)).toBe('Syncing 3 of 9');
  });

  it('rounds ages coarsely', () => {
    expect(timeAgo(NOW - 10_000, NOW)).toBe('just now');
    expect(timeAgo(NOW - 3 * 3_600_000, NOW)).toBe('3 h ago');
  });
});
