import { useEffect, useId, useMemo, useState } from 'react';
import type { PortDetail } from '../../../shared/model';
import type { RemoteInfo } from '../sync/syncStore';
import { messageOf } from '../lib/messageOf';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { FormError } from '../ui/FormError';
import { useSyncStatus } from '../sync/useSyncStatus';

const LOCAL = '';

/**
 * Where the port syncs: its remote can be chosen or changed until the port has been sent there
 * (after that it lives on that remote); "Local only" keeps it on this computer.
 */
export function RemotePicker({ port, onChanged }: { port: PortDetail; onChanged(port: PortDetail): void }) {
  const [remotes, setRemotes] = useState<RemoteInfo[] | null>(null);
  // Live: a connection that pauses (401) while the panel is open changes the hint at once.
  // Without the status the hint reads as if the port will go with the next sync: it only says less.
  const status = useSyncStatus();
  const paused = useMemo(() => new Set(status?.remotes.filter((r) => r.state === 'paused').map((r) => r.remoteId)), [status]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The box shows the click at once; the port's own value takes over when the answer comes.
  const [keeping, setKeeping] = useState<boolean | null>(null);
  const selectId = useId();
  const hintId = useId();
  useEffect(() => {
    let live = true;
    rpc.call('remotes.list', {}).then(
      (list) => live && setRemotes(list),
      (err: unknown) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, []);
  const remoteName = (id: string | null) => remotes?.find((r) => r.id === id)?.name ?? 'its remote';

  const act = async (change: () => Promise<PortDetail>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await change());
      useNoticeStore.getState().announce(done);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
      setKeeping(null);
    }
  };
  const choose = (value: string) =>
    void act(
      () => (value === LOCAL ? rpc.call('ports.setKeptLocal', { id: port.id, keptLocal: true }) : rpc.call('ports.assignRemote', { id: port.id, remoteId: value })),
      value === LOCAL ? `“${port.name}” is kept local` : `“${port.name}” will be sent to ${remoteName(value)} with the next sync`,
    );

  const sent = port.remoteObjectId !== null;
  // A paused connection (its server answered 401) sends and pulls nothing until it has a new token.
  const isPaused = port.remoteId !== null && paused.has(port.remoteId);
  const pausedWhy = `${remoteName(port.remoteId)} is paused: its server refused the token (401), so nothing is sent to it or pulled from it until a new token is entered on the Sync screen.`;
  const hint = sent
    ? `On ${remoteName(port.remoteId)}: a port stays on the remote it was sent to.${isPaused ? ` ${pausedWhy} Changes wait here meanwhile.` : ''}`
    : isPaused
      ? `${pausedWhy} Until then you can choose another remote, or keep the port local.`
      : port.remoteId
        ? 'Sent with the next sync. Until then you can change it, or keep the port local.'
        : remotes?.length === 0
          ? port.keptLocal
            ? 'Kept local: the first connection added in Settings passes it by.'
            : 'No connection yet: the first one added in Settings takes this port.'
          : port.keptLocal
            ? 'Kept local: nothing of it leaves this computer until you choose a remote.'
            : 'Not sent anywhere: choose a remote to sync it.';

  return (
    <section className="detail-section remote-picker" aria-labelledby={`${selectId}-title`}>
      <h3 id={`${selectId}-title`} className="section-title">
        Remote
      </h3>
      <div className="remote-picker-row">
        <label className="visually-hidden" htmlFor={selectId}>
          Remote for this port
        </label>
        <select
          id={selectId}
          className="input remote-picker-select"
          value={port.remoteId ?? LOCAL}
          disabled={sent || busy || remotes === null}
          aria-describedby={hintId}
          onChange={(e) => choose(e.target.value)}
        >
          <option value={LOCAL}>{port.keptLocal || !remotes?.length ? 'Local only' : 'Local only (no remote yet)'}</option>
          {remotes?.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        {!port.remoteId && (
          <label className="remote-picker-keep">
            <input
              type="checkbox"
              checked={keeping ?? port.keptLocal}
              disabled={busy}
              onChange={(e) => {
                const kept = e.target.checked;
                setKeeping(kept);
                void act(() => rpc.call('ports.setKeptLocal', { id: port.id, keptLocal: kept }), kept ? `“${port.name}” is kept local` : `“${port.name}” is no longer kept local`);
              }}
            />
            Keep local
          </label>
        )}
      </div>
      <p id={hintId} className="field-hint">
        {hint}
      </p>
      <FormError message={error} />
    </section>
  );
}
