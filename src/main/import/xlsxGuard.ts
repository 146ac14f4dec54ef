import { inflateRawSync } from 'node:zlib';
import type { AppErrorShape } from '../../shared/errors';
import { MAX_XLSX_CELLS, MAX_XLSX_COLUMNS, MAX_XLSX_PART_BYTES, MAX_XLSX_ROW, MAX_XLSX_SHARED_STRINGS_BYTES, MAX_XLSX_TOTAL_BYTES } from './limits';

/**
 * Checks an XLSX (a ZIP of XML parts) before exceljs loads it, against what would make loading
 * take minutes or exhaust memory: parts that inflate far beyond their size (a ZIP bomb), a row
 * numbered 2147483647, a cell in column XFD (every row then holds 16,384 cells), a huge shared
 * string table. Each part is inflated with a hard output cap, so a lying header cannot fool it.
 * Returns the refusal, or null when the workbook may be loaded.
 */
export function checkWorkbookBounds(bytes: Uint8Array): AppErrorShape | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(buf);
  if (!entries) return refuse('it is not a valid XLSX file (its ZIP directory is missing or damaged)', 'unreadable');
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > MAX_XLSX_PART_BYTES || total > MAX_XLSX_TOTAL_BYTES) return tooBig(e.name);
    if (!/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/i.test(e.name)) continue;
    const strings = /sharedStrings/i.test(e.name);
    const cap = strings ? MAX_XLSX_SHARED_STRINGS_BYTES : MAX_XLSX_PART_BYTES;
    const xml = inflate(buf, e, cap);
    if (xml === 'too-big') return strings ? refuse(`its shared strings unpack to more than ${cap / (1024 * 1024)} MB; save the sheet as CSV and import that`, 'too-large') : tooBig(e.name);
    if (xml === null) return refuse(`its part ${e.name} is damaged`, 'unreadable');
    const bound = strings ? null : sheetBounds(xml);
    if (bound) return bound;
  }
  return null;
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  /** As declared; checked for real while inflating. */
  size: number;
  localOffset: number;
}

/** The ZIP central directory (end record searched in the last 64 KB + 22 bytes). */
function centralDirectory(buf: Buffer): Entry[] | null {
  const from = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    entries.push({
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** One part's text, inflated with at most `cap` bytes of output. */
function inflate(buf: Buffer, e: Entry, cap: number): string | 'too-big' | null {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return null;
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return data.length > cap ? 'too-big' : data.toString('utf8');
  if (e.method !== 8) return null;
  try {
    return inflateRawSync(data, { maxOutputLength: cap }).toString('utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError ? 'too-big' : null;
  }
}

const ROW_REF = /<(?:\w+:)?row\b[^>]*?\br="(\d+)"/g;
const CELL_REF = /<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"/g;

/** The highest row number and column letter used in a sheet, against the caps. */
function sheetBounds(xml: string): AppErrorShape | null {
  let rows = 0;
  let width = 0;
  for (const m of xml.matchAll(ROW_REF)) {
    rows++;
    if (Number(m[1]) > MAX_XLSX_ROW) return refuse(`it uses row ${Number(m[1]).toLocaleString('en-US')}; PortDesk reads sheets of up to ${MAX_XLSX_ROW.toLocaleString('en-US')} rows (delete what lies below your data, or save it as CSV)`, 'too-many-rows');
  }
  for (const m of xml.matchAll(CELL_REF)) {
    const col = columnNumber(m[1]!);
    width = Math.max(width, col);
    if (col > MAX_XLSX_COLUMNS) return refuse(`it has a cell in column ${m[1]} (${m[1]}${m[2]}); PortDesk reads sheets of up to ${MAX_XLSX_COLUMNS} columns (delete what lies right of your data, or save it as CSV)`, 'too-many-columns');
    if (Number(m[2]) > MAX_XLSX_ROW) return refuse(`it has a cell in row ${Number(m[2]).toLocaleString('en-US')}; PortDesk reads sheets of up to ${MAX_XLSX_ROW.toLocaleString('en-US')} rows`, 'too-many-rows');
  }
  if (rows * width > MAX_XLSX_CELLS) {
    return refuse(`its ${rows.toLocaleString('en-US')} rows by ${width} columns pass the ${MAX_XLSX_CELLS.toLocaleString('en-US')} cells PortDesk reads (delete unused columns, or save it as CSV)`, 'too-many-cells');
  }
  return null;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function tooBig(part: string): AppErrorShape {
  return refuse(`its part ${part} unpacks to more than ${MAX_XLSX_PART_BYTES / (1024 * 1024)} MB (or all parts to more than ${MAX_XLSX_TOTAL_BYTES / (1024 * 1024)} MB); save the sheet as CSV and import that`, 'too-large');
}

function refuse(why: string, reason: string): AppErrorShape {
  return { code: 'FILE', message: `This workbook was not read: ${why}.`, details: { reason } };
}
