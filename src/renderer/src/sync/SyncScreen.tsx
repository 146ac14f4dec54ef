import { useEffect, useState } from 'react';
import { formatDateTime } from '../lib/format';
import { rpc } from '../rpc/transport';
import { useUiStore } from '../stores/uiStore';
import { useNoticeStore } from '../stores/noticeStore';
import { AttentionList } from './AttentionList';
import { ConflictList } from './ConflictList';
import { LateCreateList } from './LateCreateList';
import { DuplicateList } from './DuplicateList';
import { PullFailures } from './PullFailures';
import { RemoteStatusCard } from './RemoteStatusCard';
import { LocalOnlyCard } from './LocalOnlyCard';
import { messageOf, startSyncFeed, useSyncStore } from './syncStore';
import { overallText, unfinishedSyncText } from './syncText';
import '../settings/settings.css';
import './sync.css';
import { FormError } from '../ui/FormError';

function SyncNowButton() {
  const [running, setRunning] = useState(false);
  const toast = useNoticeStore((s) => s.toast);
  const hasRemotes = useSyncStore((s) => s.remotes.length > 0);
  const refresh = useSyncStore((s) => s.refresh);
  const run = async () => {
    setRunning(true);
    try {
      const report = await rpc.call('sync.now', {});
      // A bounded run that stopped with work left points at the cards that say why; a clean one says what moved.
      toast(report.converged ? 'success' : 'info', report.converged ? `Synced: ${report.pushed} sent, ${report.pulled} received` : unfinishedSyncText(report));
    } catch (err) {
      toast('error', messageOf(err));
    } finally {
      // What the run left, before the button comes back: the change events' refresh comes a beat later.
      await refresh();
      setRunning(false);
    }
  };
  return (
    <button type="button" className="btn btn-primary" disabled={running || !hasRemotes} onClick={() => void run()}>
      {running ? 'Syncing…' : 'Sync now'}
    </button>
  );
}

function Connections() {
  const status = useSyncStore((s) => s.status);
  const remotes = useSyncStore((s) => s.remotes);
  const loaded = useSyncStore((s) => s.loaded);
  const setScreen = useUiStore((s) => s.setScreen);
  if (!loaded) return <div className="sync-card settings-skeleton" aria-busy="true" />;
  if (remotes.length === 0)
    return (
      <div className="sync-card sync-empty">
        <p>No porting API account is connected. Ports stay on this computer until you add one.</p>
        <button type="button" className="btn" onClick={() => setScreen('settings')}>
          Add a connection in Settings
        </button>
      </div>
    );
  return (
    <div className="remote-status-list">
      {status?.remotes.map((r) => (
        <RemoteStatusCard key={r.remoteId} status={r} />
      ))}
    </div>
  );
}

/** Sync: each connection's state, "Sync now", ports the servers refused and conflicts to resolve. */
export function SyncScreen() {
  const remoteStatuses = useSyncStore((s) => s.status?.remotes);
  const lastSynced = useSyncStore((s) => Math.max(0, ...(s.status?.remotes.map((r) => r.lastSyncedAt ?? 0) ?? [])));
  const loadError = useSyncStore((s) => s.loadError);
  const focusPort = useSyncStore((s) => s.focusPort);
  useEffect(() => {
    const stop = startSyncFeed();
    return () => {
      stop();
      // The board's badge focus is for this visit only.
      focusPort(null);
    };
  }, [focusPort]);
  return (
    <section className="screen" aria-labelledby="sync-title">
      <header className="screen-header">
        <h1 id="sync-title">Sync</h1>
        <span className="screen-summary" role="status">
          {remoteStatuses && overallText(remoteStatuses)}
          {lastSynced > 0 && <span className="muted"> · last synced {formatDateTime(lastSynced)}</span>}
        </span>
        <SyncNowButton />
      </header>
      <div className="screen-body">
        <FormError message={loadError} />
        {/* The connection cards' h3s sit under a level-two heading, like every other section here. */}
        <h2 className="visually-hidden">Connections</h2>
        <Connections />
        <LocalOnlyCard />
        <AttentionList />
        <LateCreateList />
        <DuplicateList />
        <PullFailures />
        <ConflictList />
      </div>
    </section>
  );
}
