import { useEffect, useRef } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';

const THUMB_WIDTH = 112;

/** One page thumbnail, rendered only once it scrolls into view (a 50-page bill stays fast). */
function Thumbnail({ pdf, page, current, onPick }: { pdf: PDFDocumentProxy; page: number; current: boolean; onPick(page: number): void }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let cancelled = false;
    let task: { cancel(): void } | undefined;
    const observer = new IntersectionObserver(async (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      const p = await pdf.getPage(page);
      if (cancelled) return;
      const viewport = p.getViewport({ scale: (THUMB_WIDTH * 2) / p.getViewport({ scale: 1 }).width });
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      const render = p.render({ canvas, viewport });
      task = render;
      await render.promise.catch(() => undefined);
    });
    observer.observe(canvas);
    return () => {
      cancelled = true;
      observer.disconnect();
      task?.cancel();
    };
  }, [pdf, page]);
  useEffect(() => {
    if (current) buttonRef.current?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  return (
    <button ref={buttonRef} type="button" className={`dv-thumb${current ? ' is-current' : ''}`} aria-label={`Page ${page}`} aria-current={current ? 'page' : undefined} onClick={() => onPick(page)}>
      <canvas ref={canvasRef} width={THUMB_WIDTH} height={Math.round(THUMB_WIDTH * 1.29)} />
      <span className="dv-thumb-label tabular">{page}</span>
    </button>
  );
}

/** Page thumbnails down the side; clicking one goes to that page. */
export function Thumbnails({ pdf, current, onPick }: { pdf: PDFDocumentProxy; current: number; onPick(page: number): void }) {
  const pages = Array.from({ length: pdf.numPages }, (_, i) => i + 1);
  return (
    <nav className="dv-thumbs" aria-label="Pages">
      {pages.map((page) => (
        <Thumbnail key={page} pdf={pdf} page={page} current={page === current} onPick={onPick} />
      ))}
    </nav>
  );
}
