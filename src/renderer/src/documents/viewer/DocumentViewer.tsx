import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { PortDetail } from '../../../../shared/model';
import type { AttachmentInfo } from '../../../../shared/rpc/methods/documents';
import { rpc } from '../../rpc/transport';
import { useNoticeStore } from '../../stores/noticeStore';
import { Icon, type IconName } from '../../ui/Icon';
import { downloadBytes, fromBase64, toBase64 } from '../bytes';
import { DraftSaver } from './draftSaver';
import { DraftTurns } from './draftTurns';
import { type MoreItem, MoreMenu } from './MoreMenu';
import { openPdf } from './pdfjs';
import { PortFacts } from './PortFacts';
import { SignaturePad } from './SignaturePad';
import { dateStamp, initialsOf, initialsStamp, pngFile, rectangleStamp } from './stampImages';
import { Thumbnails } from './Thumbnails';
import { ViewerController, type Tool, type ViewerState } from './viewerController';
import { VersionsPanel } from './VersionsPanel';
import './viewer.css';

export { warmUp as warmUpViewer } from './warmUp';

interface Props {
  attachment: AttachmentInfo;
  port: PortDetail;
  onClose(): void;
  onSaved(attachment: AttachmentInfo): void;
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; pdf: PDFDocumentProxy; fromDraft: boolean };

/** A stamp waiting for the click that places it; sizes in PDF points (a signature line is ~2.5 in). */
interface Placing {
  label: 'Signature' | 'Initials' | 'Date';
  file: File;
  width: number;
  height: number;
}
const SIZES = { Signature: { width: 160, height: 48 }, Initials: { width: 50, height: 20 }, Date: { width: 100, height: 37 } } as const;
type Placement = { page: number; x: number; y: number; width: number; height: number };
type PdfPoint = { page: number; x: number; y: number };

/** `p` centred on the point clicked. */
function placementAt(p: Placing, at: PdfPoint): Placement {
  return { page: at.page, x: at.x - p.width / 2, y: at.y - p.height / 2, width: p.width, height: p.height };
}

const TOOLS: { tool: Tool; label: string; hint: string; icon: IconName }[] = [
  { tool: 'select', label: 'Select', hint: 'select text and annotations', icon: 'pointer' },
  { tool: 'highlight', label: 'Highlight', hint: 'select text to highlight it', icon: 'highlighter' },
  { tool: 'text', label: 'Text', hint: 'click on the page to add a note', icon: 'textTool' },
  { tool: 'ink', label: 'Draw', hint: 'draw freehand (sign by hand)', icon: 'scribble' },
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
  /** Marks written to the draft that the viewer has not reopened yet: saving now would write the PDF without them. */
  const [marksPending, setMarksPending] = useState(false);
  const [drawSignature, setDrawSignature] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const viewerDiv = useRef<HTMLDivElement>(null);
  const [c, setController] = useState<ViewerController | null>(null);
  const saver = useRef<DraftSaver | null>(null);
  const [draftTurns] = useState(() => new DraftTurns<ViewerController>());
  /** A signature was placed in this session: saving then signs a generated LOA. */
  const signed = useRef(false);
  const toast = useNoticeStore((s) => s.toast);
  const ask = useNoticeStore((s) => s.ask);
  /** An older version shown read-only (null: the current version, editable). */
  const [viewing, setViewing] = useState<number | null>(null);
  const [showVersions, setShowVersions] = useState(false);
  /** Bumped to open the document again after the draft changed outside pdf.js (stamp, undo, discard). */
  const [reload, setReload] = useState(0);
  /** Opened from a draft: the state before it, for Undo once pdf.js has nothing left (null: the saved version). */
  const [previous, setPrevious] = useState<string | null | undefined>(undefined);
  const previousRef = useRef(previous);
  previousRef.current = previous;
  const [placing, setPlacing] = useState<Placing | null>(null);
  /**
   * A stamp being made ready (the signature stored, the initials or date drawn): the banner says
   * so, and a click on the page meanwhile is kept (`at`) and places it once ready. Such a click used
   * to be dropped without a word.
   */
  const [preparing, setPreparing] = useState<{ label: Placing['label']; clicked: boolean } | null>(null);
  const preparingJob = useRef<{ at: PdfPoint | null } | null>(null);

  // Open the draft when one exists for this version (nothing made before a crash is lost), else the file.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const draft = viewing === null ? await rpc.call('annotations.draft', { id: attachment.id }) : null;
      const fromDraft = draft !== null && draft.baseSha256 === attachment.sha256;
      const file = await rpc.call('attachments.read', { id: attachment.id, ...(fromDraft ? { draft: true } : {}), ...(viewing !== null ? { version: viewing } : {}) });
      const pdf = await openPdf(fromBase64(file.contentBase64));
      if (cancelled) return void pdf.destroy();
      setDraftAt(fromDraft ? draft.updatedAt : null);
      setPrevious(fromDraft ? draft.previousSha256 : undefined);
      setLoad({ status: 'ready', pdf, fromDraft });
    })().catch((err: unknown) => !cancelled && setLoad({ status: 'error', message: err instanceof Error ? err.message : String(err) }));
    return () => {
      cancelled = true;
    };
  }, [attachment.id, attachment.sha256, viewing, reload]);

  useEffect(() => {
    if (load.status !== 'ready' || !container.current || !viewerDiv.current) return;
    let disposed = false;
    let mounted: ViewerController | null = null;
    const editing = viewing === null;
    void ViewerController.mount(container.current, viewerDiv.current, load.pdf, setState, () => saver.current?.schedule(), editing).then((ctrl) => {
      if (disposed) return ctrl.destroy();
      mounted = ctrl;
      if (editing) saver.current = new DraftSaver(ctrl, attachment.id, attachment.sha256 ?? '', setDraftAt, (m) => toast('error', `Annotations not kept: ${m}`), () => signed.current);
      setController(ctrl);
      setMarksPending(false);
      if (editing) draftTurns.ready(ctrl);
    });
    return () => {
      disposed = true;
      draftTurns.gone();
      const pending = saver.current;
      saver.current = null;
      // The last changes are written before the document is destroyed.
      void (pending?.flush() ?? Promise.resolve()).then(() => mounted?.destroy());
      setController(null);
    };
    // `viewing` is read when `load` changes: the load effect sets both together.
  }, [load, attachment.id, attachment.sha256, toast]);

  useEffect(() => {
    if (state) setPageInput(String(state.page));
  }, [state?.page]);

  const close = async () => {
    await saver.current?.flush();
    onClose();
  };

  /** Open the document again (the draft changed outside pdf.js); what pdf.js holds is not written over it. */
  const reopen = () => {
    saver.current?.markClean();
    setMarksPending(true);
    setReload((r) => r + 1);
  };

  const fail = (err: unknown) => toast('error', err instanceof Error ? err.message : String(err));

  /** Change the draft on the host (`write`, given the document as it stands), in turn, then reopen it. */
  const rewriteDraft = async (write: (doc: ViewerController) => Promise<void>) => {
    setMarksPending(true);
    const doc = await draftTurns.take();
    try {
      // A stroke still being drawn is committed into the snapshot, and pdf.js takes no edit until the
      // reopen (its tools wait, below): one made meanwhile would be on a document about to be replaced.
      await doc.setTool('select');
      saver.current?.markClean();
      await write(doc);
    } catch (err) {
      draftTurns.release();
      setMarksPending(false);
      throw err;
    }
    reopen();
  };

  /** Put `p` at `placements` on the document as it stands (unsaved marks included): the next draft. */
  const stamp = async (p: Placing, placements: Placement[]) => {
    if (!attachment.sha256) return;
    const base = attachment.sha256;
    await rewriteDraft(async (doc) => {
      const bytes = await doc.snapshot();
      const png = new Uint8Array(await p.file.arrayBuffer());
      if (p.label === 'Signature') signed.current = true;
      const draft = await rpc.call('annotations.stamp', { id: attachment.id, baseSha256: base, contentBase64: toBase64(bytes), pngBase64: toBase64(png), placements, label: p.label, signed: signed.current });
      setDraftAt(draft.updatedAt);
    });
  };

  // The stamp ready late places with the viewer as it is then (reopened by an earlier stamp, say).
  const latestStamp = useRef(stamp);
  latestStamp.current = stamp;

  /**
   * Make `label`'s stamp (`make` answers null when there is none to place), then wait for the click
   * that places it, or place it where the user clicked meanwhile. Esc cancels either wait.
   */
  const arm = (label: Placing['label'], make: () => Promise<File | null>) => {
    // The click that places the stamp must not also draw, type or highlight where it lands.
    void c?.setTool('select');
    const job: { at: PdfPoint | null } = { at: null };
    preparingJob.current = job;
    setPlacing(null);
    setPreparing({ label, clicked: false });
    const stillWaited = () => {
      if (preparingJob.current !== job) return false;
      preparingJob.current = null;
      setPreparing(null);
      return true;
    };
    make().then(
      (file) => {
        if (!stillWaited() || !file) return;
        const p = { label, file, ...SIZES[label] };
        if (job.at) void latestStamp.current(p, [placementAt(p, job.at)]).catch(fail);
        else setPlacing(p);
      },
      (err: unknown) => {
        stillWaited();
        fail(err);
      },
    );
  };
  const cancelPlacing = () => {
    preparingJob.current = null;
    setPreparing(null);
    setPlacing(null);
  };

  const armSignature = () =>
    arm('Signature', async () => {
      const saved = await rpc.call('signature.get', {});
      if (saved) return pngFile(fromBase64(saved.pngBase64), 'signature.png');
      setDrawSignature(true);
      return null;
    });

  const initialsFile = () => initialsStamp(initialsOf(port.authorizedPerson || port.billingName || port.name));

  /** Initials on the "Initials ____" line of every page's footer (where PortDesk's LOA puts it). */
  const initialsOnEveryPage = async () => {
    if (!c) return;
    const { width, height } = SIZES.Initials;
    const pages = await c.pageSizes();
    await stamp({ label: 'Initials', file: await initialsFile(), width, height }, pages.map((size, i) => ({ page: i + 1, x: size.width / 2 + 56, y: 29, width, height })));
  };

  const placeAt = (target: EventTarget | null, clientX: number, clientY: number) => {
    const at = c?.pdfPointAt(target, clientX, clientY);
    if (!at) return;
    const job = preparingJob.current;
    if (job) {
      job.at = at;
      setPreparing((p) => p && { ...p, clicked: true });
    } else if (placing) {
      setPlacing(null);
      void stamp(placing, [placementAt(placing, at)]).catch(fail);
    }
  };

  /** pdf.js has nothing left to undo, but the draft reopened has earlier states: go back one. */
  const undoDraft = () =>
    rewriteDraft(async () => {
      // Read when its turn comes: the draft reopened after the last rewrite has its own previous state.
      await rpc.call('annotations.revertDraft', { id: attachment.id, toSha256: previousRef.current ?? null });
    });

  const discardDraft = () =>
    ask({
      title: 'Discard the unsaved annotations?',
      message: `Every mark made on ${attachment.name} since it was last saved goes; the saved version ${attachment.version} stays as it is.`,
      confirmLabel: 'Discard',
      onConfirm: () =>
        void rewriteDraft(async () => {
          signed.current = false;
          await rpc.call('annotations.discardDraft', { id: attachment.id });
          toast('success', 'Unsaved annotations discarded');
        }).catch(fail),
    });

  const restore = async (version: number) => {
    saver.current?.markClean();
    const saved = await rpc.call('attachments.restore', { id: attachment.id, version });
    setViewing(null);
    toast('success', `Restored version ${version} of ${saved.name} as version ${saved.version}; the versions after it are kept`);
    onSaved(saved);
  };

  const saveToPdf = async () => {
    if (!c || !attachment.sha256) return;
    setSaving(true);
    try {
      // An autosave in flight would land after the version and be refused as a draft of the old one.
      await saver.current?.flush();
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

  /** What the toolbar row has no room for; editing actions only on the current version. */
  const moreItems = (pages: number): MoreItem[] => [
    ...(viewing === null
      ? [
          { label: 'New signature…', hint: 'Draw a new saved signature', onSelect: () => setDrawSignature(true) },
          ...(pages > 1 ? [{ label: 'Initials on every page', hint: 'Initials on the initials line of every page', onSelect: () => void initialsOnEveryPage().catch(fail) }] : []),
          ...(marksPending ? [] : [{ label: 'Rectangle', hint: 'Mark an area with a red rectangle', onSelect: () => void rectangleStamp().then((f) => c?.placeImage(f)) }]),
        ]
      : []),
    { label: 'Download', hint: 'Save a copy of this PDF (with its marks) on this computer', onSelect: () => void c?.save().then((b) => downloadBytes(b, attachment.name)) },
    ...(viewing === null && draftAt !== null ? [{ label: 'Discard draft', hint: 'Throw away the marks not yet saved to the PDF', onSelect: discardDraft }] : []),
  ];

  return (
    <div
      className="docviewer"
      role="dialog"
      aria-modal="true"
      aria-label={`Document ${attachment.name}`}
      onKeyDownCapture={(e) => {
        // pdf.js undoes, redoes and deletes from a window listener; on the document a rewrite is about
        // to replace, that change would be undone by the reopen without a word.
        if (marksPending && (e.key === 'Delete' || e.key === 'Backspace' || ((e.ctrlKey || e.metaKey) && /^[zy]$/i.test(e.key)))) {
          if (e.target instanceof HTMLInputElement) return;
          e.preventDefault();
          e.stopPropagation();
        }
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && (placing || preparing)) {
          e.stopPropagation();
          cancelPlacing();
          return;
        }
        if (e.key === 'Escape' && state?.tool === 'select' && !drawSignature) {
          e.stopPropagation();
          void close();
        }
      }}
    >
      {/* One row at 1280 px: the tools as icons, the rarer actions under More, so the page starts high. */}
      <header className="dv-toolbar">
        <div className="dv-title" title={attachment.name}>
          <Icon name="paperclip" size={14} />
          <span className="dv-name">{attachment.name}</span>
          <span className="badge">v{viewing ?? attachment.version}</span>
          {draftAt !== null && <span className="badge badge-info" title="Unsaved annotations are kept on this computer">Draft kept</span>}
        </div>
        {state && viewing === null && (
          <div className="dv-group" role="toolbar" aria-label="Annotation tools">
            {TOOLS.map((t) => (
              <button
                key={t.tool}
                type="button"
                className={`btn btn-sm btn-ghost btn-icon${state.tool === t.tool ? ' is-active' : ''}`}
                aria-label={t.label}
                aria-pressed={state.tool === t.tool}
                disabled={marksPending && t.tool !== 'select'}
                title={marksPending ? `${t.label}: waits until the last mark is written` : `${t.label}: ${t.hint}`}
                onClick={() => void c?.setTool(t.tool)}
              >
                <Icon name={t.icon} />
              </button>
            ))}
            <span className="dv-sep" />
            <button type="button" className={`btn btn-sm${(placing ?? preparing)?.label === 'Signature' ? ' is-active' : ''}`} title="Click, then click where your saved signature goes (draw it the first time)" onClick={armSignature}>
              Signature
            </button>
            <button type="button" className={`btn btn-sm${(placing ?? preparing)?.label === 'Initials' ? ' is-active' : ''}`} title="Click, then click where the initials go" onClick={() => arm('Initials', initialsFile)}>
              Initials
            </button>
            <button type="button" className={`btn btn-sm${(placing ?? preparing)?.label === 'Date' ? ' is-active' : ''}`} title="Click, then click where today's date goes" onClick={() => arm('Date', () => dateStamp(new Date()))}>
              Date
            </button>
            <span className="dv-sep" />
            <button
              type="button"
              className="btn btn-sm btn-ghost btn-icon"
              aria-label="Undo"
              title="Undo (Ctrl+Z)"
              disabled={marksPending || (!state.canUndo && previous === undefined)}
              onClick={() => (state.canUndo ? c?.undo() : void undoDraft().catch(fail))}
            >
              <Icon name="undo" />
            </button>
            <button type="button" className="btn btn-sm btn-ghost btn-icon" aria-label="Redo" title="Redo (Ctrl+Y)" disabled={marksPending || !state.canRedo} onClick={() => c?.redo()}>
              <Icon name="redo" />
            </button>
          </div>
        )}
        {state && (
          <>
            <div className="dv-group" role="group" aria-label="Pages">
              <button type="button" className="btn btn-sm btn-ghost btn-icon" aria-label="Previous page" title="Previous page" disabled={state.page <= 1} onClick={() => c?.goTo(state.page - 1)}>
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
              <button type="button" className="btn btn-sm btn-ghost btn-icon" aria-label="Next page" title="Next page" disabled={state.page >= state.pages} onClick={() => c?.goTo(state.page + 1)}>
                ›
              </button>
            </div>
            <div className="dv-group" role="group" aria-label="Zoom">
              <button type="button" className="btn btn-sm btn-ghost btn-icon" aria-label="Zoom out" title="Zoom out" onClick={() => c?.zoom(-1)}>
                −
              </button>
              <span className="dv-zoom tabular">{state.scalePercent}%</span>
              <button type="button" className="btn btn-sm btn-ghost btn-icon" aria-label="Zoom in" title="Zoom in" onClick={() => c?.zoom(1)}>
                +
              </button>
              <button type="button" className="btn btn-sm btn-ghost btn-icon" aria-label="Fit width" title="Fit width" onClick={() => c?.fitWidth()}>
                <Icon name="fitWidth" />
              </button>
            </div>
            <div className="dv-group dv-search" role="search" aria-label="In this document">
              <Icon name="search" size={14} />
              <input
                type="search"
                placeholder="Find"
                aria-label="Find in document"
                title="Find in document (Enter: next, Shift+Enter: previous)"
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
        <button type="button" className={`btn btn-sm btn-ghost btn-icon${showVersions ? ' is-active' : ''}`} aria-label="Versions" title="Versions of this document" aria-pressed={showVersions} onClick={() => setShowVersions((v) => !v)}>
          <Icon name="history" />
        </button>
        {state && <MoreMenu items={moreItems(state.pages)} />}
        {state && viewing === null && (
          <button type="button" className="btn btn-sm btn-primary" disabled={saving || marksPending} onClick={() => void saveToPdf()}>
            {saving ? 'Saving…' : 'Save to PDF'}
          </button>
        )}
        <button type="button" className="btn btn-ghost btn-icon dv-close" aria-label="Close document" title="Close (Esc)" onClick={() => void close()}>
          <Icon name="close" />
        </button>
      </header>
      {viewing !== null && (
        <div className="dv-banner" role="status">
          <span>
            Version {viewing} of {attachment.name} (read-only). The current version is {attachment.version}.
          </span>
          <button type="button" className="btn btn-sm" onClick={() => void restore(viewing).catch(fail)}>
            Restore version {viewing}
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setViewing(null)}>
            Back to current
          </button>
        </div>
      )}
      <div className="dv-body">
        {/* Thumbnails wait for the first page: they share the worker and would delay it. */}
        {load.status === 'ready' && state?.firstPageShown ? <Thumbnails pdf={load.pdf} current={state.page} onPick={(p) => c?.goTo(p)} /> : <div className="dv-thumbs" />}
        <div className="dv-stage">
          {(placing || preparing) && (
            // Over the page, not above it: the page must not move between arming and the click.
            <div className="dv-banner dv-placing" role="status">
              <span>
                {placing
                  ? `Click on the page where the ${placing.label.toLowerCase()} goes (Esc cancels).`
                  : preparing?.clicked
                    ? `Preparing the ${preparing.label.toLowerCase()}: it goes where you clicked.`
                    : `Preparing the ${preparing?.label.toLowerCase()}… a click on the page places it once ready.`}
              </span>
              <button type="button" className="btn btn-sm btn-ghost" onClick={cancelPlacing}>
                Cancel
              </button>
            </div>
          )}
          {load.status === 'loading' && <p className="dv-message">Opening {attachment.name}…</p>}
          {load.status === 'error' && (
            <p className="dv-message form-error" role="alert">
              {load.message}
            </p>
          )}
          <div
            ref={container}
            className={`dv-canvas${placing || preparing ? ' is-placing' : ''}`}
            tabIndex={0}
            aria-label="Document pages"
            // Busy while the document is (re)opened: its pages are about to be replaced.
            aria-busy={load.status === 'loading' || marksPending}
            // While a stamp waits for its place, the press is not pdf.js's: its tool may still be
            // Draw (arm's switch to Select lands later), and a press there started a stroke that
            // took the click placing the stamp (lost on a busy machine).
            onPointerDownCapture={(e) => {
              if (!placing && !preparing) return;
              e.stopPropagation();
              e.preventDefault();
            }}
            onClickCapture={(e) => {
              if (!placing && !preparing) return;
              e.stopPropagation();
              placeAt(e.target, e.clientX, e.clientY);
            }}
          >
            <div ref={viewerDiv} className="pdfViewer" />
          </div>
        </div>
        {showVersions ? <VersionsPanel attachment={attachment} viewing={viewing} onOpen={setViewing} onRestore={(v) => void restore(v).catch(fail)} /> : <PortFacts port={port} />}
      </div>
      {drawSignature && (
        <SignaturePad
          onCancel={() => setDrawSignature(false)}
          onSave={(blob) => {
            setDrawSignature(false);
            arm('Signature', async () => {
              const png = new Uint8Array(await blob.arrayBuffer());
              await rpc.call('signature.set', { pngBase64: toBase64(png) });
              return pngFile(png, 'signature.png');
            });
          }}
        />
      )}
    </div>
  );
}
