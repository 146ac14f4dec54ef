import { useEffect, useRef, useState } from 'react';
import { Modal } from '../../ui/Modal';

/** The drawing at a third of its size: placed as a stamp, it then fits a signature line. */
function placeable(source: HTMLCanvasElement): HTMLCanvasElement {
  const out = document.createElement('canvas');
  out.width = Math.round(source.width / 3);
  out.height = Math.round(source.height / 3);
  out.getContext('2d')?.drawImage(source, 0, 0, out.width, out.height);
  return out;
}

/**
 * Draw a signature once and keep it (as a PNG in the database) for placing on documents again.
 * The canvas is transparent, so the placed stamp shows only the ink.
 */
export function SignaturePad({ onCancel, onSave }: { onCancel(): void; onSave(png: Blob): void }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [empty, setEmpty] = useState(true);
  const drawing = useRef(false);

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx) return;
    ctx.lineWidth = 6;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1a2a6c';
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const canvas = e.currentTarget;
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height] as const;
  };

  return (
    <Modal
      title="Draw your signature"
      width={620}
      onClose={onCancel}
      footer={
        <>
          <button
            type="button"
            className="btn"
            onClick={() => {
              const c = canvasRef.current;
              c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
              setEmpty(true);
            }}
          >
            Clear
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={empty} onClick={() => canvasRef.current && placeable(canvasRef.current).toBlob((b) => b && onSave(b), 'image/png')}>
            Save and place
          </button>
        </>
      }
    >
      <p className="muted">Sign with the mouse, pen or finger. It is kept on this computer for the next document.</p>
      <canvas
        ref={canvasRef}
        className="signature-pad"
        width={1000}
        height={300}
        aria-label="Signature drawing area"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const ctx = e.currentTarget.getContext('2d');
          const [x, y] = point(e);
          ctx?.beginPath();
          ctx?.moveTo(x, y);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext('2d');
          const [x, y] = point(e);
          ctx?.lineTo(x, y);
          ctx?.stroke();
          setEmpty(false);
        }}
        onPointerUp={() => {
          drawing.current = false;
        }}
      />
    </Modal>
  );
}
