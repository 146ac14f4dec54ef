import { useEffect, useMemo, useRef, useState } from 'react';
import type { PortSummary } from '../../../shared/model';
import { rpc } from '../rpc/transport';
import { usePortsStore } from '../stores/portsStore';
import { useUiStore } from '../stores/uiStore';
import { useNoticeStore } from '../stores/noticeStore';
import { needsChargesAccepted } from './syncText';
import { needsScheduleDate } from '../../../shared/domain/undatedSchedule';
import { messageOf, useSyncStore } from './syncStore';

function AttentionRow({ port, focused }: { port: PortSummary; focused: boolean }) {
  const openPort = useUiStore((s) => s.openPort);
  const toast = useNoticeStore((s) => s.toast);
  const refreshAfter = useSyncStore((s) => s.refreshAfter);
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [focused]);
  const run = async (method: 'sync.acceptCharges' | 'sync.retry') => {
    setBusy(true);
    try {
      await rpc.call(method, { portId: port.id });
      await refreshAfter(port.id);
    } catch (err) {
      toast('error', messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const [date, setDate] = useState('');
  const schedule = async () => {
    setBusy(true);
    try {
      await rpc.call('ports.move', { id: port.id, to: 'scheduled', date });
      await refreshAfter(port.id);
    } catch (err) {
      toast('error', messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const charges = needsChargesAccepted(port.syncError);
  const undated = needsScheduleDate(port.syncError);
  return (
    <li ref={ref} className={`sync-card attention${focused ? ' is-focused' : ''}`} aria-label={port.name}>
      <div className="attention-main">
        <button type="button" className="link-button attention-name" onClick={() => openPort(port.id)}>
          {port.name}
        </button>
        {/* The server's own words: the specialist may need to quote them to the carrier. */}
        <p className="server-message">{port.syncError ?? 'The server refused this change'}</p>
      </div>
      <div className="attention-actions">
        {charges && (
          <button type="button" className="btn btn-primary btn-sm" disabled={busy} onClick={() => void run('sync.acceptCharges')}>
            Accept charges and retry
          </button>
        )}
        {undated && (
          <>
            <input type="date" className="input" aria-label={`FOC date for ${port.name}`} value={date} onChange={(e) => setDate(e.target.value)} />
            <button type="button" className="btn btn-primary btn-sm" disabled={busy || date === ''} onClick={() => void schedule()}>
              Schedule with this date
            </button>
          </>
        )}
        <button type="button" className={`btn btn-sm${charges || undated ? '' : ' btn-primary'}`} disabled={busy} onClick={() => void run('sync.retry')}>
          Retry
        </button>
        <button type="button" className="btn btn-sm" aria-label={`Open ${port.name}`} onClick={() => openPort(port.id)}>
          Open port
        </button>
      </div>
    </li>
  );
}

/** Ports the remote refused (402, validation, illegal move), with the server's message and a way out. */
export function AttentionList() {
  const byId = usePortsStore((s) => s.byId);
  const focusPortId = useSyncStore((s) => s.focusPortId);
  const failed = useMemo(() => [...byId.values()].filter((p) => p.syncStatus === 'error').sort((a, b) => b.updatedAt - a.updatedAt), [byId]);
  return (
    <section className="sync-section" aria-labelledby="attention-title">
      <h2 id="attention-title" className="section-title">
        Needs attention <span className="section-count">{failed.length}</span>
      </h2>
      {failed.length === 0 ? (
        <p className="empty-line">The servers accepted every change sent so far.</p>
      ) : (
        <ul className="plain-list">
          {failed.map((p) => (
            <AttentionRow key={p.id} port={p} focused={p.id === focusPortId} />
          ))}
        </ul>
      )}
    </section>
  );
}
