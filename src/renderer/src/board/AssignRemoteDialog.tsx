import { useEffect, useId, useState } from 'react';
import type { RemoteInfo } from '../sync/syncStore';
import { messageOf } from '../lib/messageOf';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { useUiStore } from '../stores/uiStore';
import { Modal } from '../ui/Modal';
import { FormError } from '../ui/FormError';

type Skipped = { id: string; name: string; reason: string }[];

function ports(n: number): string {
  return n === 1 ? '1 port' : `${n} ports`;
}

/**
 * Give the selected ports a remote in one step. Ports already sent to another remote stay there:
 * they are listed with the reason, and the dialog stays open until they were read.
 */
export function AssignRemoteDialog({ ids, onClose }: { ids: readonly string[]; onClose(): void }) {
  const [remotes, setRemotes] = useState<RemoteInfo[] | null>(null);
  const [remoteId, setRemoteId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [skipped, setSkipped] = useState<{ summary: string; ports: Skipped } | null>(null);
  const selectId = useId();
  useEffect(() => {
    let live = true;
    rpc.call('remotes.list', {}).then(
      (list) => {
        if (!live) return;
        setRemotes(list);
        setRemoteId((list.find((r) => r.isDefault) ?? list[0])?.id ?? '');
      },
      (err: unknown) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await rpc.call('ports.bulkAssignRemote', { ids: [...ids], remoteId });
      const name = remotes?.find((r) => r.id === remoteId)?.name ?? 'the remote';
      const parts = [result.assigned.length > 0 ? `Assigned ${ports(result.assigned.length)} to ${name}` : null, result.unchanged.length > 0 ? `${ports(result.unchanged.length)} already on ${name}` : null];
      const summary = parts.filter(Boolean).join('; ') || 'Nothing assigned';
      if (result.skipped.length === 0) {
        useNoticeStore.getState().toast('success', result.assigned.length > 0 ? `${summary}. ${result.assigned.length === 1 ? 'It is' : 'They are'} sent with the next sync.` : `${summary}.`);
        onClose();
      } else {
        setSkipped({ summary, ports: result.skipped });
        setBusy(false);
      }
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  const noRemotes = remotes !== null && remotes.length === 0;
  return (
    <Modal
      title={`Assign a remote to ${ports(ids.length)}`}
      onClose={onClose}
      width={460}
      footer={
        skipped ? (
          <button type="button" className="btn btn-primary" autoFocus onClick={onClose}>
            Close
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            {noRemotes ? (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => {
                  onClose();
                  useUiStore.getState().setScreen('settings');
                }}
              >
                Open Settings
              </button>
            ) : (
              <button type="submit" form={`${selectId}-form`} className="btn btn-primary" disabled={busy || !remoteId}>
                Assign
              </button>
            )}
          </>
        )
      }
    >
      {skipped ? (
        <div className="assign-result" role="status">
          <p>{skipped.summary}.</p>
          <p>
            {ports(skipped.ports.length)} skipped, left where {skipped.ports.length === 1 ? 'it is' : 'they are'}:
          </p>
          <ul className="assign-skipped">
            {skipped.ports.map((p) => (
              <li key={p.id}>
                <strong>{p.name || p.id}</strong> {p.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : noRemotes ? (
        <p>No connection is set up yet. Add one in Settings: the first one takes every port made without a remote.</p>
      ) : (
        <form
          id={`${selectId}-form`}
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            void apply();
          }}
        >
          <label className="field-label" htmlFor={selectId}>
            Remote
          </label>
          <select id={selectId} className="input" autoFocus value={remoteId} disabled={remotes === null} onChange={(e) => setRemoteId(e.target.value)}>
            {remotes?.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
                {r.isDefault ? ' (default)' : ''}
              </option>
            ))}
          </select>
          <p className="field-hint">Ports already sent to another remote stay there and are listed.</p>
        </form>
      )}
      <FormError message={error} />
    </Modal>
  );
}
