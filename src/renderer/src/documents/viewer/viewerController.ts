import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { EventBus, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { loadPdfjs } from './pdfjs';
import { cascadePoint, visibleCenter } from './stampPlacement';
import { attachViewerStyles } from './viewerStyles';

/** The annotation tools offered; each maps to one of pdf.js's own editor modes. */
export type Tool = 'select' | 'highlight' | 'text' | 'ink';

export interface ViewerState {
  page: number;
  pages: number;
  scalePercent: number;
  tool: Tool;
  canUndo: boolean;
  canRedo: boolean;
  matches: { current: number; total: number } | null;
  /** Page 1 has been drawn; work that competes with it (thumbnails) waits for this. */
  firstPageShown: boolean;
}

/** The part of pdf.js's AnnotationEditorUIManager we drive (it is not in the public typings). */
interface UiManager {
  undo(): void;
  redo(): void;
  updateParams(type: number, value: unknown): void;
  currentLayer: { div: HTMLDivElement; pageIndex: number; viewport: { rotation: number } } | null;
}

const HIGHLIGHT_COLORS = 'yellow=#FFFF98,green=#53FFBC,blue=#80EBFF,pink=#FFCBE6,red=#FF4F5F';
const ZOOM_STEPS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3];

/**
 * pdf.js's own viewer (PDFViewer with find controller and annotation editors) over one open
 * document, with the few commands the toolbar needs. State changes are reported through
 * `onState`; `onEdited` fires after every change to the annotations (for the crash-safe draft).
 */
export class ViewerController {
  private viewer!: PDFViewer;
  private bus!: EventBus;
  private uiManager: UiManager | null = null;
  private editorTypes!: { NONE: number; FREETEXT: number; HIGHLIGHT: number; STAMP: number; INK: number };
  private createParam = 2;
  private mode = 0;
  private state: ViewerState;
  private readonly cleanup: (() => void)[] = [];
  /** Stamps placed in a row on one page, so the next one cascades instead of covering the last. */
  private stamps = { page: -1, count: 0 };

  private constructor(
    readonly pdf: PDFDocumentProxy,
    private readonly onState: (state: ViewerState) => void,
    private readonly onEdited: () => void,
  ) {
    this.state = { page: 1, pages: pdf.numPages, scalePercent: 100, tool: 'select', canUndo: false, canRedo: false, matches: null, firstPageShown: false };
  }

  /**
   * Mount the viewer in `container` (absolutely positioned, scrolling) holding an empty `viewerDiv`.
   * `editing: false` leaves out pdf.js's annotation editor manager (the warm-up's hidden viewer:
   * the manager listens for drags on the whole document and throws on one before its first page
   * has an editor layer).
   */
  static async mount(container: HTMLDivElement, viewerDiv: HTMLDivElement, pdf: PDFDocumentProxy, onState: (s: ViewerState) => void, onEdited: () => void, editing = true): Promise<ViewerController> {
    const { pdfjs, viewer: lib } = await loadPdfjs();
    const c = new ViewerController(pdf, onState, onEdited);
    c.cleanup.push(attachViewerStyles());
    c.editorTypes = pdfjs.AnnotationEditorType;
    c.createParam = pdfjs.AnnotationEditorParamsType.CREATE;
    const bus = (c.bus = new lib.EventBus());
    const linkService = new lib.PDFLinkService({ eventBus: bus });
    const findController = new lib.PDFFindController({ eventBus: bus, linkService });
    c.viewer = new lib.PDFViewer({
      container,
      viewer: viewerDiv,
      eventBus: bus,
      linkService,
      findController,
      annotationEditorMode: editing ? pdfjs.AnnotationEditorType.NONE : pdfjs.AnnotationEditorType.DISABLE,
      // The highlight editor needs a palette (pdf.js's app passes this default from its prefs).
      annotationEditorHighlightColors: HIGHLIGHT_COLORS,
    });
    linkService.setViewer(c.viewer);
    c.on('annotationeditoruimanager', (e: { uiManager: UiManager }) => (c.uiManager = e.uiManager));
    c.on('pagesinit', () => {
      c.viewer.currentScaleValue = 'page-width';
    });
    c.on('pagerendered', () => {
      if (!c.state.firstPageShown) c.set({ firstPageShown: true });
    });
    c.on('pagechanging', (e: { pageNumber: number }) => c.set({ page: e.pageNumber }));
    c.on('scalechanging', (e: { scale: number }) => c.set({ scalePercent: Math.round(e.scale * 100) }));
    c.on('editingstateschanged', (e: { details: { hasSomethingToUndo?: boolean; hasSomethingToRedo?: boolean } }) => {
      c.set({ canUndo: e.details.hasSomethingToUndo ?? c.state.canUndo, canRedo: e.details.hasSomethingToRedo ?? c.state.canRedo });
      onEdited();
    });
    c.on('updatefindmatchescount', (e: { matchesCount: { current: number; total: number } }) => c.set({ matches: e.matchesCount }));
    c.on('updatefindcontrolstate', (e: { matchesCount: { current: number; total: number } }) => c.set({ matches: e.matchesCount }));
    // Drawing, dragging and typing change annotations without changing the undo state's flags.
    const edited = () => onEdited();
    container.addEventListener('pointerup', edited);
    container.addEventListener('keyup', edited);
    c.cleanup.push(() => container.removeEventListener('pointerup', edited), () => container.removeEventListener('keyup', edited));
    c.viewer.setDocument(pdf);
    linkService.setDocument(pdf);
    onState(c.state);
    return c;
  }

  goTo(page: number): void {
    this.viewer.currentPageNumber = Math.min(Math.max(1, Math.round(page)), this.pdf.numPages);
  }

  zoom(direction: 1 | -1): void {
    const current = this.viewer.currentScale;
    const next = direction > 0 ? ZOOM_STEPS.find((s) => s > current + 0.01) : [...ZOOM_STEPS].reverse().find((s) => s < current - 0.01);
    if (next) this.viewer.currentScale = next;
  }

  fitWidth(): void {
    this.viewer.currentScaleValue = 'page-width';
  }

  /** Search the text; `again` moves to the next (or previous) match of the same query. */
  find(query: string, again = false, previous = false): void {
    if (!query) this.set({ matches: null });
    this.bus.dispatch('find', { source: this, type: again ? 'again' : '', query, caseSensitive: false, entireWord: false, highlightAll: true, findPrevious: previous, matchDiacritics: false });
  }

  async setTool(tool: Tool): Promise<void> {
    const t = this.editorTypes;
    const mode = { select: t.NONE, highlight: t.HIGHLIGHT, text: t.FREETEXT, ink: t.INK }[tool];
    await this.switchMode(mode);
    this.set({ tool });
  }

  /**
   * Place an image (signature, date stamp, rectangle) with the Stamp editor: the first on a page
   * at the centre of its visible part, the next ones cascading from there (pdf.js would put them
   * all at the centre, one hiding the other).
   */
  async placeImage(file: File): Promise<void> {
    await this.switchMode(this.editorTypes.STAMP);
    this.set({ tool: 'select' });
    const layer = this.uiManager?.currentLayer;
    if (!layer) return;
    if (this.stamps.page !== layer.pageIndex) this.stamps = { page: layer.pageIndex, count: 0 };
    const center = visibleCenter(layer.div.getBoundingClientRect(), { width: window.innerWidth, height: window.innerHeight }, layer.viewport.rotation);
    // pdf.js spreads these after its own centre point, so x/y here win (still centred on the point).
    this.uiManager?.updateParams(this.createParam, { bitmapFile: file, ...cascadePoint(center, this.stamps.count++) });
  }

  /**
   * The page and PDF point (points from the page's bottom-left corner) under a click in the
   * viewer, or null off the pages. pdf.js's viewport converts, so zoom and rotation are honoured.
   */
  pdfPointAt(target: EventTarget | null, clientX: number, clientY: number): { page: number; x: number; y: number } | null {
    const pageDiv = target instanceof Element ? target.closest<HTMLElement>('.page[data-page-number]') : null;
    if (!pageDiv) return null;
    const page = Number(pageDiv.dataset.pageNumber);
    const view = this.viewer.getPageView(page - 1) as { viewport: { convertToPdfPoint(x: number, y: number): number[] } } | undefined;
    if (!view) return null;
    const box = pageDiv.getBoundingClientRect();
    const [x = 0, y = 0] = view.viewport.convertToPdfPoint(clientX - box.left - pageDiv.clientLeft, clientY - box.top - pageDiv.clientTop);
    return { page, x, y };
  }

  /** Width and height of every page in PDF points (for stamps placed on each page). */
  async pageSizes(): Promise<{ width: number; height: number }[]> {
    const sizes: { width: number; height: number }[] = [];
    for (let n = 1; n <= this.pdf.numPages; n++) {
      const [x1 = 0, y1 = 0, x2 = 612, y2 = 792] = (await this.pdf.getPage(n)).view;
      sizes.push({ width: x2 - x1, height: y2 - y1 });
    }
    return sizes;
  }

  undo(): void {
    this.uiManager?.undo();
  }

  redo(): void {
    this.uiManager?.redo();
  }

  /** Whether the document carries annotation changes not yet written to bytes. */
  get hash(): string {
    return this.pdf.annotationStorage.serializable.hash;
  }

  /**
   * The PDF with the annotations written in (pdf.js's incremental update: the original bytes are
   * kept, so an already signed PDF stays valid). Editing is ended first so a stroke or text box
   * still being made is committed rather than lost.
   */
  async save(): Promise<Uint8Array> {
    if (this.state.tool !== 'select') await this.setTool('select');
    return this.pdf.saveDocument();
  }

  /** Bytes for the crash-safe draft, without leaving the current tool. */
  snapshot(): Promise<Uint8Array> {
    return this.pdf.saveDocument();
  }

  destroy(): void {
    for (const undo of this.cleanup) undo();
    this.viewer.setDocument(null as unknown as PDFDocumentProxy);
    void this.pdf.destroy();
  }

  private async switchMode(mode: number): Promise<void> {
    if (this.mode === mode) return;
    this.mode = mode;
    const changed = new Promise<void>((resolve) => {
      const done = () => {
        this.bus.off('annotationeditormodechanged', done);
        resolve();
      };
      this.bus.on('annotationeditormodechanged', done);
    });
    this.viewer.annotationEditorMode = { mode };
    await changed;
  }

  private on<T>(name: string, listener: (event: T) => void): void {
    this.bus.on(name, listener as (event: unknown) => void);
  }

  private set(patch: Partial<ViewerState>): void {
    this.state = { ...this.state, ...patch };
    this.onState(this.state);
  }
}
