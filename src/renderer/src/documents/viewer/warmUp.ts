import { openPdf, startWorker } from './pdfjs';
import { ViewerController } from './viewerController';

const LINES = 40;

/**
 * A letter-size page of Helvetica text with a Flate-compressed content stream, built here so the
 * warm-up needs no file: the same paths (a standard font, not embedded; deflate; a full-width
 * canvas and text layer) as most carrier bills.
 */
async function samplePdf(): Promise<Uint8Array> {
  const lines = Array.from({ length: LINES }, (_, i) => `1 0 0 1 54 ${740 - i * 15} Tm (Line ${i}: call to 202 555 01${i} 12 min) Tj`);
  const content = new Uint8Array(await new Response(new Blob([`BT /F1 10 Tf ${lines.join(' ')} ET`]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());
  const parts: (string | Uint8Array)[] = ['%PDF-1.4\n'];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  const add = (...chunk: (string | Uint8Array)[]) => {
    for (const c of chunk) {
      parts.push(c);
      length += c.length;
    }
  };
  const objects: (string | Uint8Array)[][] = [
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    ['<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>'],
    ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'],
    [`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`, content, '\nendstream'],
  ];
  objects.forEach((body, i) => {
    offsets.push(length);
    add(`${i + 1} 0 obj\n`, ...body, '\nendobj\n');
  });
  const xref = length;
  add(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  add(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(await new Blob(parts.map((p) => (typeof p === 'string' ? p : p.slice().buffer))).arrayBuffer());
}

/**
 * Make the first document of a session open as fast as a reopen: start the shared worker and
 * show a one-page PDF once in an invisible viewer. Loading the code is not enough; the first render
 * also pays for compiling pdf.js's parser, canvas and text-layer paths (~400 ms), which this
 * run pays in idle time instead.
 */
export async function warmUp(): Promise<void> {
  await startWorker();
  const container = document.createElement('div');
  // PDFViewer needs an absolutely positioned, laid-out container; keep it off screen and unseen.
  container.style.cssText = 'position:absolute;left:-10000px;top:0;width:900px;height:600px;overflow:auto;visibility:hidden';
  container.setAttribute('aria-hidden', 'true');
  const viewerDiv = document.createElement('div');
  viewerDiv.className = 'pdfViewer';
  container.append(viewerDiv);
  document.body.append(container);
  try {
    const pdf = await openPdf(await samplePdf());
    let shown!: () => void;
    const firstPage = new Promise<void>((resolve) => (shown = resolve));
    const controller = await ViewerController.mount(container, viewerDiv, pdf, (s) => s.firstPageShown && shown(), () => undefined, false);
    await firstPage;
    controller.destroy();
  } finally {
    container.remove();
  }
}
