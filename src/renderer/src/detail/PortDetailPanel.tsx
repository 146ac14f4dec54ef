import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PortDetail } from '../../../shared/model';
import { isDeletable, stateLabel } from '../../../shared/domain/states';
import { portProblems } from '../../../shared/domain/readiness';
import { isoDay, remoteAccountLabel, remoteAccountTitle } from '../../../shared/domain/portFacts';
import { toSummary } from '../lib/summary';
import { usePortsStore } from '../stores/portsStore';
import { useUiStore } from '../stores/uiStore';
import { useNoticeStore } from '../stores/noticeStore';
import { movePorts } from '../board/moveActions';
import { MoveMenu } from '../board/MoveMenu';
import { useBoardStore } from '../stores/boardStore';
import { SyncBadge } from '../board/SyncBadge';
import { Icon } from '../ui/Icon';
import { usePortDetail } from './usePortDetail';
import { FieldsForm } from './FieldsForm';
import { NumbersTable } from './NumbersTable';
import { DocumentsSection } from '../documents/DocumentsSection';
import { CommentsList } from './CommentsList';
import { Timeline } from './Timeline';
import { DeletePortDialog } from './DeletePortDialog';
import { draftCount, useDraftStore } from './draftStore';
import { jumpToField } from './jumpToField';
import { RemotePicker } from './RemotePicker';

/** Where the port lives remotely, by name: the connection, and the sub-account within it. */
function RemotePlace({ port }: { port: PortDetail }) {
  const account = remoteAccountLabel(port);
  const connection = port.remoteName ?? 'Connection';
  return (
    <span className="detail-remote" title={[`Connection: ${connection}`, remoteAccountTitle(port)].filter(Boolean).join('\n')}>
      {connection}
      {account && (
        <>
          <span aria-hidden="true"> › </span>
          <span className="visually-hidden">, sub-account </span>
          {account}
        </>
      )}
    </span>
  );
}

/** Side panel with everything about one port; the board stays usable beside it. */
export function PortDetailPanel({ id }: { id: string }) {
  const { state, refresh, replace } = usePortDetail(id);
  const upsert = usePortsStore((s) => s.upsert);
  const [menuOpen, setMenuOpen] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const moveButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus goes back to the port's card or row once the board has re-rendered without the panel
  // (Board's layout effect): focused here, it could be taken by this panel's own focus effect still
  // pending, then lost as the panel unmounted. The port becomes the board's focused one, so its
  // card is drawn even where the list is scrolled away from it.
  const close = () => {
    useBoardStore.getState().setFocused(id);
    useUiStore.getState().closePort();
  };
  const name = useRef<string | null>(null);
  name.current = state.status === 'ready' ? state.port.name : name.current;

  // However the panel goes away (Escape, close, another card), say that unsaved edits were kept.
  useEffect(
    () => () => {
      const kept = draftCount(id);
      if (kept > 0 && name.current !== null) {
        useNoticeStore.getState().toast('info', `${kept} unsaved ${kept === 1 ? 'edit' : 'edits'} to “${name.current}” kept as a draft: reopen the port to save or discard`);
      }
    },
    [id],
  );

  // In the commit, not after paint: a key pressed meanwhile must already reach the panel.
  useLayoutEffect(() => {
    heading.current?.focus();
  }, [state.status]);

  const onSaved = (port: PortDetail) => {
    replace(port);
    upsert([toSummary(port)]);
  };

  const port = state.status === 'ready' ? state.port : null;
  const problems = port ? portProblems(port, isoDay()) : [];

  return (
    <aside
      className="detail-panel"
      aria-label={port ? `Port ${port.name}` : 'Port detail'}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !menuOpen && !confirmDelete) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <header className="detail-header">
        <div className="detail-heading">
          <h2 ref={heading} tabIndex={-1} className="detail-title" title={port?.name}>
            {port ? port.name : state.status === 'loading' ? 'Loading…' : 'Port not found'}
          </h2>
          {port && (
            <div className="detail-subline">
              <span className="state-pill" style={{ ['--dot' as string]: `var(--state-${port.state})` }}>
                <span className="state-dot" />
                {stateLabel(port.state)}
              </span>
              {port.remoteStatus && (
                <span className="remote-status-word mono" title={port.remoteStatusDetail ?? 'Status on the remote, as it words it'}>
                  {port.remoteStatus}
                </span>
              )}
              <SyncBadge status={port.syncStatus} error={port.syncError} portId={port.id} />
              {port.remoteId && <RemotePlace port={port} />}
            </div>
          )}
        </div>
        {port && (
          <>
            <button ref={moveButton} type="button" className="btn btn-sm" aria-haspopup="menu" onClick={() => setMenuOpen(true)}>
              Move to…
            </button>
            {isDeletable(port.state) && (
              <button type="button" className="btn btn-sm btn-danger" onClick={() => setConfirmDelete(true)}>
                <Icon name="trash" size={14} />
                Delete
              </button>
            )}
          </>
        )}
        <button type="button" className="btn btn-ghost btn-icon" aria-label="Close detail" onClick={close}>
          <Icon name="close" />
        </button>
      </header>
      <div className="detail-body">
        {state.status === 'loading' && <div className="detail-skeleton" aria-busy="true" />}
        {(state.status === 'missing' || state.status === 'error') && (
          <p className="form-error" role="alert">
            {state.message}
          </p>
        )}
        {port && (
          <>
            {port.state === 'rejected' && (
              <section className="rejection" aria-label="Rejected by the carrier">
                <h3 className="rejection-title">
                  <Icon name="close" size={14} />
                  Rejected by the carrier
                </h3>
                <p className="rejection-reason">{port.stateReason ?? 'No reason was given with the rejection: check the comments and the timeline.'}</p>
                <div className="rejection-actions">
                  <span className="muted">Correct the fields, numbers or documents below, then resubmit.</span>
                  <button type="button" className="btn btn-primary btn-sm" onClick={() => void movePorts([port.id], 'submitted').then(() => refresh())}>
                    Resubmit
                  </button>
                </div>
              </section>
            )}
            {problems.length > 0 && (
              <section className="readiness" aria-label="Not ready to submit">
                <h3 className="readiness-title">
                  <Icon name="warning" size={14} />
                  Not ready to submit
                </h3>
                <ul>
                  {problems.map((p) => (
                    <li key={`${p.field}-${p.message}`}>
                      <button type="button" className="readiness-item" onClick={() => jumpToField(p.field)}>
                        {p.message}
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <RemotePicker port={port} onChanged={onSaved} />
            <NumbersTable port={port} onChanged={() => void refresh()} />
            <FieldsForm port={port} onSaved={onSaved} />
            <DocumentsSection port={port} />
            <CommentsList portId={port.id} remoteAuthority={port.remoteAuthority} comments={port.comments} onAdded={() => void refresh()} />
            <Timeline events={port.timeline} />
          </>
        )}
      </div>
      {menuOpen && port && (
        <MoveMenu
          ids={[port.id]}
          anchor={moveButton.current}
          title={`Move “${port.name}” to`}
          onClose={() => {
            setMenuOpen(false);
            moveButton.current?.focus();
          }}
          onPick={(to) => {
            setMenuOpen(false);
            void movePorts([port.id], to).then(() => refresh());
          }}
        />
      )}
      {confirmDelete && port && (
        <DeletePortDialog
          port={port}
          onCancel={() => setConfirmDelete(false)}
          onDeleted={(leftOnRemote) => {
            setConfirmDelete(false);
            useDraftStore.getState().clear(port.id);
            usePortsStore.getState().remove([port.id]);
            useNoticeStore.getState().toast('success', `Deleted “${port.name}”`);
            // A Telnyx draft stays on Telnyx: said where it is not missed, with what to do there.
            if (leftOnRemote) useNoticeStore.getState().toast('info', leftOnRemote);
            close();
          }}
        />
      )}
    </aside>
  );
}

