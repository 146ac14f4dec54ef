import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { PortDetail } from '../../../../shared/model';
import type { AttachmentInfo } from '../../../../shared/rpc/methods/documents';
import { rpc } from '../../rpc/transport';
import { useNoticeStore } from '../../stores/noticeStore';
import { Icon } from '../../ui/Icon';
import { downloadBytes, fromBase64, toBase64 } from '../bytes';
import { DraftSaver } from './draftSaver';
import { openPdf } from './pdfjs';
import { PortFacts } from './PortFacts';
import { SignaturePad } from './SignaturePad';
import { dateStamp, pngFile, rectangleStamp } from './stampImages';
import { Thumbnails } from './Thumbnails';
import { ViewerController, type Tool, type ViewerState } from './viewerController';
import './viewer.css';

export { warmUp as warmUpViewer } from './warmUp';

interface Props {
  attachment: AttachmentInfo;
  port: PortDetail;
  onClose(): void;
  onSaved(attachment: AttachmentInfo): void;
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; pdf: PDFDocumentProxy; fromDraft: boolean };

const TOOLS: { tool: Tool; label: string; hint: string }[] = [
  { tool: 'select', label: 'Select', hint: 'Select text and annotations' },
  { tool: 'highlight', label: 'Highlight', hint: 'Select text to highlight it' },
  { tool: 'text', label: 'Text', hint: 'Click on the page to add a note' },
  { tool: 'ink', label: 'Draw', hint: 'Draw freehand (sign by hand)' },
];

/**
 * Full-window document viewer: pdf.js's own PDFViewer (text selection, search, annotation editors)
 * with page thumbnails on the left and the port's data on the right for comparison. Annotations
 * are kept as a draft in the database while editing; "Save to PDF" writes a new version.
 */
export function DocumentViewer({ attachment, port, onClose, onSaved }: Props) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [state, setState] = useState<ViewerState | null>(null);
  const [query, setQuery] = useState('');
  const [pageInput, setPageInput] = useState('1');
  const [draftAt, setDraftAt] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [drawSignature, setDrawSignature] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const viewerDiv = useRef<HTMLDivElement>(null);
  const [c, setController] = useState<ViewerController | null>(null);
  const saver = useRef<DraftSaver | null>(null);
  /** A signature was placed in this session: saving then signs a generated LOA. */
  const signed = useRef(false);
  const toast = useNoticeStore((s) => s.toast);

  // Open the draft when one exists for this version (nothing made before a crash is lost), else the file.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const draft = await rpc.call('annotations.draft', { id: attachment.id });
      const fromDraft = draft !== null && draft.baseSha256 === attachment.sha256;
      const file = await rpc.call('attachments.read', { id: attachment.id, ...(fromDraft ? { draft: true } : {}) });
      const pdf = await openPdf(fromBase64(file.contentBase64));
      if (cancelled) return void pdf.destroy();
      if (fromDraft) setDraftAt(draft.updatedAt);
      setLoad({ status: 'ready', pdf, fromDraft });
    })().catch((err: unknown) => !cancelled && setLoad({ status: 'error', message: err instanceof Error ? err.message : String(err) }));
    return () => {
      cancelled = true;
    };
  }, [attachment.id, attachment.sha256]);

  useEffect(() => {
    if (load.status !== 'ready' || !container.current || !viewerDiv.current) return;
    let disposed = false;
    let mounted: ViewerController | null = null;
    void ViewerController.mount(container.current, viewerDiv.current, load.pdf, setState, () => saver.current?.schedule()).then((ctrl) => {
      if (disposed) return ctrl.destroy();
      mounted = ctrl;
      saver.current = new DraftSaver(ctrl, attachment.id, attachment.sha256 ?? '', setDraftAt, (m) => toast('error', `Annotations not kept: ${m}`), () => signed.current);
      setController(ctrl);
    });
    return () => {
      disposed = true;
      const pending = saver.current;
      saver.current = null;
      // The last changes are written before the document is destroyed.
      void (pending?.flush() ?? Promise.resolve()).then(() => mounted?.destroy());
      setController(null);
    };
  }, [load, attachment.id, attachment.sha256, toast]);

  useEffect(() => {
    if (state) setPageInput(String(state.page));
  }, [state?.page]);

  const close = async () => {
    await saver.current?.flush();
    onClose();
  };

  const placeSignature = async () => {
    const saved = await rpc.call('signature.get', {});
    if (!saved) return setDrawSignature(true);
    signed.current = true;
    await c?.placeImage(pngFile(fromBase64(saved.pngBase64), 'signature.png'));
  };

  const saveToPdf = async () => {
    if (!c || !attachment.sha256) return;
    setSaving(true);
    try {
      const bytes = await c.save();
      const saved = await rpc.call('annotations.save', { id: attachment.id, baseSha256: attachment.sha256, contentBase64: toBase64(bytes), signed: signed.current });
      saver.current?.markClean();
      toast('success', `Saved annotations to ${saved.name} (version ${saved.version}); the original is kept as version ${saved.version - 1}`);
      onSaved(saved);
    } catch (err) {
      toast('error', err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div
      className="docviewer"
      role="dialog"
      aria-modal="true"
      aria-label={`Document ${attachment.name}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && state?.tool === 'select' && !drawSignature) {
          e.stopPropagation();
          void close();
        }
      }}
    >
      <header className="dv-toolbar">
        <div className="dv-title" title={attachment.name}>
          <Icon name="paperclip" size={14} />
          <span className="dv-name">{attachment.name}</span>
          <span className="badge">v{attachment.version}</span>
          {draftAt !== null && <span className="badge badge-info" title="Unsaved annotations are kept on this computer">Draft kept</span>}
        </div>
        {state && (
          <>
            <div className="dv-group" role="group" aria-label="Pages">
              <button type="button" className="btn btn-sm btn-ghost" aria-label="Previous page" disabled={state.page <= 1} onClick={() => c?.goTo(state.page - 1)}>
                ‹
              </button>
              <input
                className="dv-page-input tabular"
                aria-label="Page number"
                value={pageInput}
                onChange={(e) => setPageInput(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && c?.goTo(Number(pageInput) || 1)}
              />
              <span className="muted tabular">/ {state.pages}</span>
              <button type="button" className="btn btn-sm btn-ghost" aria-label="Next page" disabled={state.page >= state.pages} onClick={() => c?.goTo(state.page + 1)}>
                ›
              </button>
            </div>
            <div className="dv-group" role="group" aria-label="Zoom">
              <button type="button" className="btn btn-sm btn-ghost" aria-label="Zoom out" onClick={() => c?.zoom(-1)}>
                −
              </button>
              <span className="dv-zoom tabular">{state.scalePercent}%</span>
              <button type="button" className="btn btn-sm btn-ghost" aria-label="Zoom in" onClick={() => c?.zoom(1)}>
                +
              </button>
              <button type="button" className="btn btn-sm" onClick={() => c?.fitWidth()}>
                Fit width
              </button>
            </div>
            <div className="dv-group dv-search" role="search">
              <Icon name="search" size={14} />
              <input
                type="search"
                placeholder="Find in document"
                aria-label="Find in document"
                value={query}
                onChange={(e) => {
                  setQuery(e.target.value);
                  c?.find(e.target.value);
                }}
                onKeyDown={(e) => e.key === 'Enter' && c?.find(query, true, e.shiftKey)}
              />
              {state.matches && query && (
                <span className="muted tabular" aria-live="polite">
                  {state.matches.total === 0 ? 'No match' : `${state.matches.current} of ${state.matches.total}`}
                </span>
              )}
            </div>
          </>
        )}
        <button type="button" className="btn btn-ghost btn-icon dv-close" aria-label="Close document" onClick={() => void close()}>
          <Icon name="close" />
        </button>
      </header>
      {state && (
        <div className="dv-tools" role="toolbar" aria-label="Annotation tools">
          {TOOLS.map((t) => (
            <button key={t.tool} type="button" className={`btn btn-sm${state.tool === t.tool ? ' is-active' : ''}`} aria-pressed={state.tool === t.tool} title={t.hint} onClick={() => void c?.setTool(t.tool)}>
              {t.label}
            </button>
          ))}
          <span className="dv-sep" />
          <button type="button" className="btn btn-sm" title="Place your saved signature (draw it the first time)" onClick={() => void placeSignature()}>
            Signature
          </button>
          <button type="button" className="btn btn-sm" title="Draw a new saved signature" onClick={() => setDrawSignature(true)}>
            New signature…
          </button>
          <button type="button" className="btn btn-sm" title="Stamp today's date" onClick={() => void dateStamp(new Date()).then((f) => c?.placeImage(f))}>
            Date stamp
          </button>
          <button type="button" className="btn btn-sm" title="Mark an area with a red rectangle" onClick={() => void rectangleStamp().then((f) => c?.placeImage(f))}>
            Rectangle
          </button>
          <span className="dv-sep" />
          <button type="button" className="btn btn-sm btn-ghost" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!state.canUndo} onClick={() => c?.undo()}>
            Undo
          </button>
          <button type="button" className="btn btn-sm btn-ghost" aria-label="Redo" title="Redo (Ctrl+Y)" disabled={!state.canRedo} onClick={() => c?.redo()}>
            Redo
          </button>
          <span className="dv-spacer" />
          <button type="button" className="btn btn-sm" onClick={() => void c?.save().then((b) => downloadBytes(b, attachment.name))}>
            Download
          </button>
          <button type="button" className="btn btn-sm btn-primary" disabled={saving} onClick={() => void saveToPdf()}>
            {saving ? 'Saving…' : 'Save to PDF'}
          </button>
        </div>
      )}
      <div className="dv-body">
        {/* Thumbnails wait for the first page: they share the worker and would delay it. */}
        {load.status === 'ready' && state?.firstPageShown ? <Thumbnails pdf={load.pdf} current={state.page} onPick={(p) => c?.goTo(p)} /> : <div className="dv-thumbs" />}
        <div className="dv-stage">
          {load.status === 'loading' && <p className="dv-message">Opening {attachment.name}…</p>}
          {load.status === 'error' && (
            <p className="dv-message form-error" role="alert">
              {load.message}
            </p>
          )}
          <div ref={container} className="dv-canvas" tabIndex={0} aria-label="Document pages">
            <div ref={viewerDiv} className="pdfViewer" />
          </div>
        </div>
        <PortFacts port={port} />
      </div>
      {drawSignature && (
        <SignaturePad
          onCancel={() => setDrawSignature(false)}
          onSave={(blob) => {
            setDrawSignature(false);
            void (async () => {
              const png = new Uint8Array(await blob.arrayBuffer());
              await rpc.call('signature.set', { pngBase64: toBase64(png) });
              signed.current = true;
              await c?.placeImage(pngFile(png, 'signature.png'));
            })().catch((err: unknown) => toast('error', err instanceof Error ? err.message : String(err)));
          }}
        />
      )}
    </div>
  );
}
