import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attachment, PortDetail } from '../../../shared/model';
import type { AttachmentInfo } from '../../../shared/rpc/methods/documents';
import { isDeletable } from '../../../shared/domain/states';
import { unprintableNote } from '../../../shared/domain/loaFonts';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { formatBytes, formatDateTime } from '../lib/format';
import { Icon } from '../ui/Icon';
import { attachFiles, carriesFiles, filesOf } from './attachFiles';
import { downloadBytes, fromBase64, toBase64 } from './bytes';
import { useViewerModule } from './warmUpViewer';
import './documents.css';

const KIND_LABEL: Record<Attachment['kind'], string> = { loa: 'LOA', bill: 'Bill', other: 'Other' };
const ACCEPT = 'application/pdf,.pdf,image/png,image/jpeg,.png,.jpg,.jpeg';


const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The port's documents: drop files anywhere on the port detail, pick or paste them; rename,
 * re-kind, replace, download and delete; generate the LOA; open one in the viewer to compare it
 * with the port's data and annotate it.
 */
export function DocumentsSection({ port }: { port: PortDetail }) {
  const [list, setList] = useState<AttachmentInfo[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const section = useRef<HTMLElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const replacer = useRef<HTMLInputElement>(null);
  const replaceId = useRef<string | null>(null);
  const { toast, ask } = useNoticeStore.getState();

  // The detail refetches on every change event; the list (with versions) follows it.
  useEffect(() => {
    rpc.call('attachments.list', { portId: port.id }).then(setList, (err: unknown) => toast('error', message(err)));
  }, [port, toast]);

  // Files may be dropped or pasted anywhere on the port detail, not only on this section.
  useEffect(() => {
    const panel = section.current?.closest<HTMLElement>('.detail-panel') ?? section.current;
    if (!panel) return;
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overPanel = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      void attachFiles(port.id, filesOf(e.dataTransfer));
    };
    const paste = (e: ClipboardEvent) => {
      const files = filesOf(e.clipboardData);
      if (files.length === 0) return;
      e.preventDefault();
      void attachFiles(port.id, files);
    };
    const listeners: [string, EventListener][] = [
      ['dragenter', enter as EventListener],
      ['dragover', overPanel as EventListener],
      ['dragleave', leave as EventListener],
      ['drop', drop as EventListener],
      ['paste', paste as EventListener],
    ];
    for (const [name, fn] of listeners) panel.addEventListener(name, fn);
    panel.classList.toggle('is-file-target', true);
    return () => {
      for (const [name, fn] of listeners) panel.removeEventListener(name, fn);
      panel.classList.remove('is-file-target');
    };
  }, [port.id]);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      toast('error', message(err));
    } finally {
      setBusy(false);
    }
  };

  /** Open an LOA that was attached; a draft (never attached) is downloaded instead. */
  const showAttached = (result: { attachment: AttachmentInfo | null; contentBase64: string; unprintable?: string[] }, draftName: string) => {
    const made = result.attachment;
    if (result.unprintable?.length) toast('error', unprintableNote(result.unprintable));
    if (!made) {
      downloadBytes(fromBase64(result.contentBase64), draftName);
      return;
    }
    // Shown at once; the change event's refetch brings the same row.
    setList((l) => [...l.filter((a) => a.id !== made.id), made]);
    toast('success', `Attached ${made.name}`);
    setOpenId(made.id);
  };

  const generateLoa = (draft: boolean) =>
    run(async () => showAttached(await rpc.call('loa.generate', { portId: port.id, draft }), `LOA draft - ${port.name}.pdf`));

  // Kazoo builds its own LOA from the request; the specialist may prefer the carrier's form.
  const carrierLoa = () => run(async () => showAttached(await rpc.call('loa.remote', { portId: port.id }), `LOA from carrier - ${port.name}.pdf`));

  const remove = (a: AttachmentInfo) =>
    ask({
      title: `Delete ${a.name}?`,
      message: a.remoteName ? 'It is also deleted from the carrier system at the next sync. Earlier versions go with it.' : 'Its earlier versions go with it.',
      confirmLabel: 'Delete',
      onConfirm: () => void run(() => rpc.call('attachments.delete', { id: a.id })),
    });

  const canDelete = isDeletable(port.state);
  const dragOut = window.portdesk?.startDrag;
  const opened = list.find((a) => a.id === openId);
  // pdf.js is large: it loads in idle time after start (warmUpViewerWhenIdle), not with the board.
  const viewerFailed = useCallback(
    (err: unknown) => {
      setOpenId(null);
      toast('error', `The document viewer could not be loaded: ${message(err)}`);
    },
    [toast],
  );
  const viewer = useViewerModule(opened !== undefined, viewerFailed);

  return (
    <section ref={section} className={`detail-section documents${over ? ' is-over' : ''}`} aria-labelledby="documents-title" aria-busy={busy}>
      <div className="documents-head">
        <h3 id="documents-title" className="section-title">
          Documents <span className="section-count tabular">{list.length}</span>
        </h3>
        <button type="button" className="btn btn-sm" onClick={() => picker.current?.click()}>
          <Icon name="paperclip" size={14} />
          Attach…
        </button>
        <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void generateLoa(false)} title="Generate the LOA from this port's data and attach it">
          Generate LOA
        </button>
        <button type="button" className="btn btn-sm btn-ghost" disabled={busy} onClick={() => void generateLoa(true)} title="Download a DRAFT LOA even if fields are missing">
          Draft LOA
        </button>
        {port.remoteObjectId && (
          <button type="button" className="btn btn-sm btn-ghost" disabled={busy} onClick={() => void carrierLoa()} title="Get the LOA the carrier system builds from this request, and attach it">
            Carrier LOA
          </button>
        )}
      </div>
      <input
        ref={picker}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        aria-label="Attach files"
        data-testid="attach-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void attachFiles(port.id, files);
        }}
      />
      <input
        ref={replacer}
        type="file"
        accept={ACCEPT}
        hidden
        aria-label="Replace file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          const id = replaceId.current;
          e.target.value = '';
          if (!file || !id) return;
          void run(async () => {
            const bytes = new Uint8Array(await file.arrayBuffer());
            const a = await rpc.call('attachments.replace', { id, filename: file.name, contentBase64: toBase64(bytes) });
            toast('success', `Replaced ${a.name} (version ${a.version})`);
          });
        }}
      />
      {list.length === 0 ? (
        <p className="documents-drop">Drop PDFs or scans here, paste them, or use Attach…. A signed LOA and a recent bill are needed before submitting.</p>
      ) : (
        <ul className="plain-list documents-list">
          {list.map((a) => (
            <li
              key={a.id}
              className="document-row"
              data-attachment-id={a.id}
              // Desktop only: dragging a row out drops the file on the desktop (main starts the OS drag).
              draggable={dragOut !== undefined && a.sha256 !== null}
              onDragStart={(e) => {
                if (!dragOut) return;
                e.preventDefault();
                dragOut(a.id);
              }}
            >
              <Icon name="paperclip" size={14} />
              {renaming === a.id ? (
                <input
                  className="document-rename"
                  aria-label={`New name for ${a.name}`}
                  defaultValue={a.name}
                  autoFocus
                  onBlur={() => setRenaming(null)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape') setRenaming(null);
                    if (e.key !== 'Enter') return;
                    const name = e.currentTarget.value.trim();
                    setRenaming(null);
                    if (name && name !== a.name) void run(() => rpc.call('attachments.rename', { id: a.id, name }));
                  }}
                />
              ) : (
                <button type="button" className="document-name" aria-label={`Open ${a.name}`} title={`Open ${a.name}`} onClick={() => setOpenId(a.id)}>
                  {a.name}
                </button>
              )}
              <select
                className="document-kind"
                aria-label={`Kind of ${a.name}`}
                value={a.kind}
                onChange={(e) => void run(() => rpc.call('attachments.rename', { id: a.id, kind: e.target.value as Attachment['kind'] }))}
              >
                {(Object.keys(KIND_LABEL) as Attachment['kind'][]).map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ))}
              </select>
              {a.version > 1 && <span className="badge" title="Earlier versions are kept">v{a.version}</span>}
              {a.hasDraft && <span className="badge badge-info" title="Unsaved annotations are kept">Draft</span>}
              {a.kind === 'loa' && a.unsigned && (
                <span className="badge badge-warn" title="Generated by PortDesk and not signed yet: open it and place the signature, then save, or replace it with the signed copy">
                  Unsigned
                </span>
              )}
              <span className="muted tabular document-meta" title={formatDateTime(a.updatedAt)}>
                {formatBytes(a.size)}
              </span>
              <span className="document-actions">
                <button type="button" className="btn btn-ghost btn-sm" aria-label={`Download ${a.name}`} onClick={() => void run(async () => {
                  const file = await rpc.call('attachments.read', { id: a.id });
                  downloadBytes(fromBase64(file.contentBase64), file.name);
                })}>
                  Download
                </button>
                <button type="button" className="btn btn-ghost btn-sm" aria-label={`Rename ${a.name}`} onClick={() => setRenaming(a.id)}>
                  Rename
                </button>
                <button type="button" className="btn btn-ghost btn-sm" aria-label={`Replace ${a.name}`} onClick={() => {
                  replaceId.current = a.id;
                  replacer.current?.click();
                }}>
                  Replace
                </button>
                <button
                  type="button"
                  className="btn btn-ghost btn-sm btn-icon"
                  aria-label={`Delete ${a.name}`}
                  disabled={!canDelete}
                  title={canDelete ? `Delete ${a.name}` : 'Attachments can be deleted only while the port is unconfirmed, rejected or canceled'}
                  onClick={() => remove(a)}
                >
                  <Icon name="trash" size={14} />
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {opened &&
        (viewer ? (
          <viewer.DocumentViewer
            attachment={opened}
            port={port}
            onClose={() => setOpenId(null)}
            onSaved={(saved) => setList((l) => l.map((a) => (a.id === saved.id ? saved : a)))}
          />
        ) : (
          <div className="docviewer" aria-busy="true" />
        ))}
    </section>
  );
}
