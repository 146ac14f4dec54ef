import * as pdfjsLib from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

export type PdfjsLib = typeof pdfjsLib;
export type ViewerLib = typeof import('pdfjs-dist/web/pdf_viewer.mjs');
type Worker = InstanceType<PdfjsLib['PDFWorker']>;

let loading: Promise<{ pdfjs: PdfjsLib; viewer: ViewerLib }> | undefined;
let worker: Worker | undefined;

/**
 * pdf.js and its viewer components, loaded on first use or by the idle-time warm-up (they are large and
 * must not slow the board's start). The worker is a same-origin file emitted by Vite, which the
 * CSP's `worker-src 'self'` allows. pdf_viewer.mjs reads the core library from
 * `globalThis.pdfjsLib`, so that is set before the viewer module is imported.
 */
export function loadPdfjs(): Promise<{ pdfjs: PdfjsLib; viewer: ViewerLib }> {
  loading ??= (async () => {
    pdfjsLib.GlobalWorkerOptions.workerSrc = workerUrl;
    (globalThis as { pdfjsLib?: PdfjsLib }).pdfjsLib = pdfjsLib;
    const viewer = await import('pdfjs-dist/web/pdf_viewer.mjs');
    return { pdfjs: pdfjsLib, viewer };
  })();
  return loading;
}

/**
 * One worker for every document: starting pdf.js's 1.2 MB worker (fetch, compile, handshake)
 * costs more than parsing a 50-page bill, so it is started once and kept.
 */
async function sharedWorker(): Promise<Worker> {
  const { pdfjs } = await loadPdfjs();
  worker ??= new pdfjs.PDFWorker();
  return worker;
}

/** Start the shared worker now (not with the first document) and resolve once it is running. */
export async function startWorker(): Promise<void> {
  await (await sharedWorker()).promise;
}

/**
 * Open PDF bytes. `isEvalSupported: false` because the CSP forbids eval (pdf.js would otherwise
 * try to compile PostScript functions with `new Function` and log a violation).
 */
export async function openPdf(bytes: Uint8Array) {
  const { pdfjs } = await loadPdfjs();
  // pdf.js transfers the buffer to its worker; keep the caller's copy intact.
  return pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, worker: await sharedWorker() }).promise;
}
