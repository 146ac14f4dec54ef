/**
 * Images placed with pdf.js's Stamp editor, which shows a bitmap at about its pixel size: the
 * sizes below give a stamp a third of a page wide at 100%, ready to be moved and resized. pdf.js has no rectangle or date-stamp editor, so
 * both are drawn here as transparent PNGs and placed as stamps: they are then moved, resized,
 * undone and saved into the PDF exactly like any other stamp annotation.
 */

const STAMP_RED = '#c0262d';

function canvasFile(canvas: HTMLCanvasElement, name: string): Promise<File> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(new File([blob], name, { type: 'image/png' })) : reject(new Error('Could not draw the stamp'))), 'image/png');
  });
}

function canvas(width: number, height: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('Canvas is not available');
  return [c, ctx];
}

/** A red rectangle outline (a "look here" mark), resizable once placed. */
export function rectangleStamp(): Promise<File> {
  const [c, ctx] = canvas(240, 120);
  ctx.strokeStyle = STAMP_RED;
  ctx.lineWidth = 5;
  ctx.strokeRect(2.5, 2.5, 235, 115);
  return canvasFile(c, 'rectangle.png');
}

/** "RECEIVED <date>" in a bordered stamp, the way paper LOAs are date-stamped. */
export function dateStamp(date: Date, label = 'RECEIVED'): Promise<File> {
  const text = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: '2-digit' }).format(date).toUpperCase();
  const [c, ctx] = canvas(260, 96);
  ctx.strokeStyle = STAMP_RED;
  ctx.fillStyle = STAMP_RED;
  ctx.lineWidth = 4;
  ctx.strokeRect(3, 3, 254, 90);
  ctx.textAlign = 'center';
  ctx.font = 'bold 24px Helvetica, Arial, sans-serif';
  ctx.fillText(label, 130, 40);
  ctx.font = 'bold 30px Helvetica, Arial, sans-serif';
  ctx.fillText(text, 130, 78);
  return canvasFile(c, 'date-stamp.png');
}

/** Initials from a name ("Jane Q. Doe" -> "JQD"), for the initials stamp. */
export function initialsOf(name: string): string {
  return Array.from(name.matchAll(/\p{L}[\p{L}\p{M}'’-]*/gu), (m) => Array.from(m[0])[0]?.toUpperCase() ?? '').join('').slice(0, 4) || 'X';
}

/** The initials set in a handwriting-like italic, as a transparent PNG (placed on every page of a long LOA). */
export function initialsStamp(initials: string): Promise<File> {
  const [c, ctx] = canvas(180, 72);
  ctx.fillStyle = '#1b2a6b';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = 'italic 600 46px "Segoe Script", "Brush Script MT", "Snell Roundhand", cursive, serif';
  ctx.fillText(initials, 90, 38, 170);
  return canvasFile(c, 'initials.png');
}

/** PNG bytes (the saved signature) as a File the Stamp editor accepts. */
export function pngFile(bytes: Uint8Array, name: string): File {
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'image/png' });
}
