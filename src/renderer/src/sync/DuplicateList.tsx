import { useState } from 'react';
import type { RemoteSyncStatus } from '../../../shared/rpc/methods/sync';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { useUiStore } from '../stores/uiStore';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { messageOf, useSyncStore } from './syncStore';
import { duplicateText } from './syncText';

type Duplicate = RemoteSyncStatus['duplicates'][number] & { remoteId: string; remote: string };

function DuplicateRow({ dup, onCancel }: { dup: Duplicate; onCancel(): void }) {
  const openPort = useUiStore((s) => s.openPort);
  const toast = useNoticeStore((s) => s.toast);
  const refresh = useSyncStore((s) => s.refresh);
  const [busy, setBusy] = useState(false);
  const dismiss = async () => {
    setBusy(true);
    try {
      await rpc.call('sync.settleDuplicate', { remoteId: dup.remoteId, remoteObjectId: dup.remoteObjectId, action: 'dismiss' });
      await refresh();
    } catch (err) {
      toast('error', messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className="sync-card attention" aria-label={`Duplicate of ${dup.name}`}>
      <div className="attention-main">
        <button type="button" className="link-button attention-name" onClick={() => openPort(dup.portId)}>
          {dup.name}
        </button>
        <p className="muted late-create-text">{duplicateText(dup, dup.remote)}</p>
      </div>
      <div className="attention-actions">
        {/* Offered only where the server's API can cancel it; otherwise the text says what to do instead. */}
        {dup.cancelRefusal === null && (
          <button type="button" className="btn btn-sm btn-primary" disabled={busy} onClick={onCancel}>
            Cancel on the server…
          </button>
        )}
        <button type="button" className={`btn btn-sm${dup.cancelRefusal === null ? '' : ' btn-primary'}`} disabled={busy} onClick={() => void dismiss()}>
          Dismiss
        </button>
      </div>
    </li>
  );
}

/**
 * Second remote copies of ports PortDesk created (the same client marker, e.g. a create that
 * landed late, or on Telnyx the same numbers): never imported as new ports; each can be dismissed,
 * and canceled on its server where that server's API can. Shown only while there are some.
 */
export function DuplicateList() {
  const remotes = useSyncStore((s) => s.status?.remotes);
  const refresh = useSyncStore((s) => s.refresh);
  const toast = useNoticeStore((s) => s.toast);
  const [canceling, setCanceling] = useState<Duplicate | null>(null);
  const dups: Duplicate[] = (remotes ?? []).flatMap((r) => r.duplicates.map((d) => ({ ...d, remoteId: r.remoteId, remote: r.name })));
  if (dups.length === 0) return null;
  return (
    <section className="sync-section" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title" className="section-title">
        Duplicates on a server <span className="section-count">{dups.length}</span>
      </h2>
      <ul className="plain-list">
        {dups.map((d) => (
          <DuplicateRow key={`${d.remoteId}:${d.remoteObjectId}`} dup={d} onCancel={() => setCanceling(d)} />
        ))}
      </ul>
      {canceling && (
        <ConfirmDialog
          title={`Cancel ${canceling.remoteObjectId} on ${canceling.remote}?`}
          confirmLabel="Cancel the duplicate"
          onCancel={() => setCanceling(null)}
          onConfirm={async () => {
            await rpc.call('sync.settleDuplicate', { remoteId: canceling.remoteId, remoteObjectId: canceling.remoteObjectId, action: 'cancel' });
            toast('success', `Canceled ${canceling.remoteObjectId} on ${canceling.remote}`);
            setCanceling(null);
            await refresh();
          }}
        >
          <p>
            This moves the second copy of “{canceling.name}” to canceled on {canceling.remote}. {canceling.keptObjectId ? `The port stays linked to ${canceling.keptObjectId}.` : ''}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
