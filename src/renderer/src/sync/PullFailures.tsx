import { useMemo } from 'react';
import { unreadableAccount, unreadableHeading } from '../../../shared/domain/unreadable';
import { useUiStore } from '../stores/uiStore';
import { useSyncStore } from './syncStore';

/**
 * Remote requests the last pull could not read (a state PortDesk does not know, a field of the
 * wrong type): nothing was applied from them. Linked ports stay as they were; new requests are
 * not made into ports until the server sends something PortDesk can read.
 */
export function PullFailures() {
  const remotes = useSyncStore((s) => s.status?.remotes);
  const openPort = useUiStore((s) => s.openPort);
  const rows = useMemo(() => (remotes ?? []).flatMap((r) => r.unreadable.map((u) => ({ ...u, remote: r.name }))), [remotes]);
  if (rows.length === 0) return null;
  return (
    <section className="sync-section" aria-labelledby="pull-failures-title">
      <h2 id="pull-failures-title" className="section-title">
        {unreadableHeading(rows.length)}
      </h2>
      <p className="muted">
        Nothing was changed here for them: linked ports keep what they had; new requests appear once the server sends data PortDesk can read (a newer server version
        or another tool may have written these).
      </p>
      <ul className="plain-list" aria-label="Remote requests that could not be read">
        {rows.map(({ portId, ...u }) => (
          <li key={`${u.remote}:${u.remoteObjectId}`} className="sync-card attention" aria-label={u.remoteObjectId}>
            <div className="attention-main">
              <span className="attention-name">
                <code>{u.remoteObjectId}</code>
              </span>
              <span className="muted">{`${u.remote} · account ${unreadableAccount(u)}`}</span>
              <p className="server-message">{u.reason}</p>
            </div>
            {portId && (
              <div className="attention-actions">
                <button type="button" className="btn btn-sm" aria-label={`Open the port linked to ${u.remoteObjectId}`} onClick={() => openPort(portId)}>
                  Open port
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
