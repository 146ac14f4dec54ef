import { inflateSync, constants } from 'node:zlib';
import { AppError } from '../../shared/errors';
import { MAX_PDF_INFLATED_BYTES, MAX_PDF_OBJECTS } from './limits';

const ZLIB_HEADER = (a: number, b: number) => (a & 0x0f) === 8 && ((a << 8) | b) % 31 === 0;

/**
 * Bounds a PDF before pdf-lib parses it: every Flate stream is inflated with a cap on the total
 * output (a 1 MB file may hold a 1 GB object stream), and object streams may not declare more
 * objects than a real document has. Streams are found by their keywords, not by parsing, so a
 * bomb cannot hide behind a broken cross-reference table.
 */
export function checkPdfBounds(bytes: Uint8Array, label: string): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buf.toString('latin1');
  let declared = 0;
  for (const m of text.matchAll(/\/Type\s*\/ObjStm\b[^>]*?\/N\s+(\d+)|\/N\s+(\d+)[^>]*?\/Type\s*\/ObjStm\b/g)) {
    declared += Number(m[1] ?? m[2]);
    if (declared > MAX_PDF_OBJECTS) throw tooComplex(label, `its object streams declare more than ${MAX_PDF_OBJECTS.toLocaleString('en-US')} objects`);
  }
  let left = MAX_PDF_INFLATED_BYTES;
  const keyword = /stream\r?\n/g;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    if (text.startsWith('end', m.index - 3)) continue;
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    keyword.lastIndex = end + 9;
    if (end - start < 2 || !ZLIB_HEADER(buf[start]!, buf[start + 1]!)) continue;
    let out: Buffer;
    try {
      out = inflateSync(buf.subarray(start, end), { maxOutputLength: left + 1, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (err) {
      if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(label);
      continue; // not really Flate data: pdf-lib judges it
    }
    left -= out.length;
    if (left < 0) throw tooLarge(label);
  }
}

function tooLarge(label: string): AppError {
  return new AppError(
    'FILE',
    `"${label}" unpacks to more than ${MAX_PDF_INFLATED_BYTES / (1024 * 1024)} MB of content, far beyond any scanned document, so it was not opened. Print it to a new PDF ("Save as PDF") and attach that copy.`,
    { reason: 'inflated-size', limit: MAX_PDF_INFLATED_BYTES },
  );
}

function tooComplex(label: string, why: string): AppError {
  return new AppError('FILE', `"${label}" was not opened: ${why}. Print it to a new PDF ("Save as PDF") and attach that copy.`, { reason: 'objects', limit: MAX_PDF_OBJECTS });
}
