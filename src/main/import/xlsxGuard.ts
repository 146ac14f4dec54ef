import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { AppError, type AppErrorShape } from '../../shared/errors';
import { MAX_XLSX_META_BYTES, MAX_XLSX_PART_BYTES, MAX_XLSX_RATIO, MAX_XLSX_ROW, MAX_XLSX_SHARED_STRINGS_BYTES, MAX_XLSX_SHEET_BYTES, MAX_XLSX_TOTAL_BYTES } from './limits';

/** A merged range of a sheet, 1-based and inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** What the scan learnt of one sheet part, for the streaming reader (which sees neither). */
export interface SheetFacts {
  /** From <mergeCells>, which a sheet lists after its rows: the reader needs them before. */
  merges: MergeRange[];
  /** The number of the last row, for the share of the sheet read. */
  lastRow: number;
}

/** The checked parts of a workbook: the small ones as text, the sheets to stream (part names lower-cased). */
export interface WorkbookParts {
  /** xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/styles.xml, xl/sharedStrings.xml, when present. */
  texts: Map<string, string>;
  sheets: Map<string, SheetFacts>;
  /** A sheet part's XML, inflated as it is read. */
  stream(part: string): AsyncIterable<Buffer>;
}

export type WorkbookScan = { ok: true; parts: WorkbookParts } | { ok: false; error: AppErrorShape };

/** The parts read whole: small, except the shared strings (held while the sheet is read). */
const HELD_PARTS = /^xl\/(sharedStrings|styles|workbook)\.xml$|^xl\/_rels\/workbook\.xml\.rels$/i;

/**
 * Checks an XLSX (a ZIP of XML parts) before it is read, against what would make reading take
 * minutes or exhaust memory: parts that inflate far beyond their size (a ZIP bomb), a huge shared
 * string table, a ZIP whose directory does not account for every byte before it. Each part is
 * inflated with a hard output cap, so a lying header cannot fool it; sheets are inflated as a
 * stream, so a million-row sheet is never held. Rows and columns out of bounds are refused by the
 * reader as it meets them (xlsxSheet.ts).
 */
export async function scanWorkbook(bytes: Uint8Array): Promise<WorkbookScan> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(buf);
  if (!entries) return refuse('it is not a valid XLSX file (its ZIP directory is missing or damaged)', 'unreadable');
  const sheets = new Map<string, SheetFacts>();
  const texts = new Map<string, string>();
  const streams = new Map<string, Entry>();
  let total = 0;
  for (const e of entries) {
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
    const held = HELD_PARTS.test(e.name);
    const cap = sheet ? sheetCap(e) : /^xl\/sharedStrings\.xml$/i.test(e.name) ? MAX_XLSX_SHARED_STRINGS_BYTES : held ? MAX_XLSX_META_BYTES : MAX_XLSX_PART_BYTES;
    total += e.size;
    if (e.size > cap || total > MAX_XLSX_TOTAL_BYTES) return tooBig(e.name, cap);
    if (sheet) {
      const facts = await scanSheet(buf, e, cap);
      if (facts === 'too-big') return tooBig(e.name, cap);
      if (facts === null) return refuse(`its part ${e.name} is damaged`, 'unreadable');
      if (facts === 'bad-merge') return { ok: false, error: unreadableWorkbook(`a merged range of ${e.name} lies outside any sheet`) };
      sheets.set(e.name.toLowerCase(), facts);
      streams.set(e.name.toLowerCase(), e);
    } else if (held) {
      const xml = inflate(buf, e, cap);
      if (xml === 'too-big') return tooBig(e.name, cap);
      if (xml === null) return refuse(`its part ${e.name} is damaged`, 'unreadable');
      texts.set(e.name.toLowerCase(), xml);
    }
  }
  return { ok: true, parts: { texts, sheets, stream: (part) => partStream(buf, streams.get(part)!, sheetCap(streams.get(part)!)) } };
}

/** The refusal of a workbook whose parts cannot be made sense of. */
export function unreadableWorkbook(cause: string): AppErrorShape {
  return {
    code: 'FILE',
    message: 'This file could not be read as an Excel workbook: parts of it are missing or damaged. Open it in Excel and save it again, or save it as CSV.',
    details: { reason: 'unreadable', cause },
  };
}

/**
 * A sheet may unpack to {@link MAX_XLSX_PART_BYTES}, or beyond (a million rows of a few columns
 * are some 200 MB of XML) up to {@link MAX_XLSX_SHEET_BYTES} when it packs like real cells do
 * (5-20:1) rather than like a bomb (1000:1).
 */
function sheetCap(e: Entry): number {
  return Math.min(MAX_XLSX_SHEET_BYTES, Math.max(MAX_XLSX_PART_BYTES, e.compressedSize * MAX_XLSX_RATIO));
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** As declared; checked for real while inflating. */
  size: number;
  localOffset: number;
}

/**
 * The ZIP central directory (end record searched in the last 64 KB + 22 bytes), refused unless
 * its entries, one after another, are exactly the bytes before it: a reader walking the local
 * headers (as exceljs' streaming reader does) then meets the very parts checked here.
 */
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
  const directory = buf.readUInt32LE(eocd + 16);
  let at = directory;
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    entries.push({
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extra + comment;
  }
  return contiguous(buf, entries, directory) ? entries : null;
}

function contiguous(buf: Buffer, entries: Entry[], directory: number): boolean {
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let next = 0;
  for (const e of byOffset) {
    if (e.localOffset !== next || dataStart(buf, e) === null) return false;
    const end = dataStart(buf, e)! + e.compressedSize;
    // A data descriptor (sizes written after the data): 12 bytes, 16 with its signature, 20/24 in ZIP64.
    const ends = e.flags & 0x08 ? [16, 12, 24, 20].map((d) => end + d) : [end];
    const following = byOffset[byOffset.indexOf(e) + 1]?.localOffset ?? directory;
    if (!ends.includes(following)) return false;
    next = following;
  }
  return next === directory;
}

/** Where an entry's data starts, after its local header; null when that header is not there or names another part. */
function dataStart(buf: Buffer, e: Entry): number | null {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return null;
  const nameLength = buf.readUInt16LE(at + 26);
  if (buf.toString('utf8', at + 30, at + 30 + nameLength) !== e.name) return null;
  return at + 30 + nameLength + buf.readUInt16LE(at + 28);
}

function packed(buf: Buffer, e: Entry): Buffer | null {
  const start = dataStart(buf, e);
  return start === null || (e.method !== 0 && e.method !== 8) ? null : buf.subarray(start, start + e.compressedSize);
}

/** One part's text, inflated with at most `cap` bytes of output. */
function inflate(buf: Buffer, e: Entry, cap: number): string | 'too-big' | null {
  const data = packed(buf, e);
  if (data === null) return null;
  if (e.method === 0) return data.length > cap ? 'too-big' : data.toString('utf8');
  try {
    return inflateRawSync(data, { maxOutputLength: cap }).toString('utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError ? 'too-big' : null;
  }
}

class TooBig extends Error {}

/** A part's bytes inflated as they are read, at most `cap` of them (throws {@link TooBig}), 1 MB at a time. */
async function* partStream(buf: Buffer, e: Entry, cap: number): AsyncGenerator<Buffer> {
  const data = packed(buf, e);
  if (data === null) throw new Error(`${e.name}: no data`);
  if (e.method === 0) {
    if (data.length > cap) throw new TooBig();
    for (let at = 0; at < data.length; at += 1 << 20) yield data.subarray(at, at + (1 << 20));
    return;
  }
  const inflater = createInflateRaw({ chunkSize: 1 << 20 });
  inflater.end(data);
  let size = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > cap) throw new TooBig();
      yield chunk;
    }
  } finally {
    inflater.destroy();
  }
}

const MERGE_REF = /mergeCell\b[^>]*?\bref="([^"]*)"/g;
const ROW_AT = /row\b[^>]*?\br="(\d+)"/y;
/** The unfinished tag at the end of a chunk is carried into the next; a longer tail is text. */
const MAX_CARRY = 4096;

/** A sheet part inflated as a stream (at most `cap` bytes), its merged ranges and last row noted. */
async function scanSheet(buf: Buffer, e: Entry, cap: number): Promise<SheetFacts | 'bad-merge' | 'too-big' | null> {
  const facts: SheetFacts = { merges: [], lastRow: 0 };
  let carry = '';
  let badMerge = false;
  const scan = (text: string) => {
    const row = lastRow(text);
    if (row !== null) facts.lastRow = row;
    for (const m of text.matchAll(MERGE_REF)) {
      const range = mergeRange(m[1]!);
      if (range === null) badMerge = true;
      else facts.merges.push(range);
    }
  };
  const take = (chunk: Buffer) => {
    // Tags and references are ASCII, so latin1 reads them whatever the text around is.
    const text = carry + chunk.toString('latin1');
    const cut = text.lastIndexOf('<');
    const end = cut < 0 || text.length - cut > MAX_CARRY ? text.length : cut;
    carry = text.slice(end);
    scan(text.slice(0, end));
  };
  try {
    for await (const chunk of partStream(buf, e, cap)) take(chunk);
  } catch (err) {
    return err instanceof TooBig ? 'too-big' : null;
  }
  scan(carry);
  return badMerge ? 'bad-merge' : facts;
}

/** The number of the last <row r="N"> in `text` (searched backwards: it is near the end). */
function lastRow(text: string): number | null {
  for (let at = text.lastIndexOf('row'); at > 0; at = text.lastIndexOf('row', at - 1)) {
    const before = text[at - 1];
    if (before !== '<' && before !== ':') continue;
    ROW_AT.lastIndex = at;
    const m = ROW_AT.exec(text);
    if (m) return Number(m[1]);
  }
  return null;
}

/** Excel's grid (its rows: {@link MAX_XLSX_ROW}): a range past it is a damaged part, not a big sheet. */
const GRID_COLUMNS = 16_384;

function mergeRange(ref: string): MergeRange | null {
  const m = /^([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})$/.exec(ref);
  if (!m) return null;
  const [top, bottom, left, right] = [Number(m[2]), Number(m[4]), columnNumber(m[1]!), columnNumber(m[3]!)];
  if (top < 1 || left < 1 || bottom < top || right < left || bottom > MAX_XLSX_ROW || right > GRID_COLUMNS) return null;
  return { top, left, bottom, right };
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

function tooBig(part: string, cap: number): { ok: false; error: AppErrorShape } {
  if (cap === MAX_XLSX_SHARED_STRINGS_BYTES && /sharedStrings/i.test(part)) return refuse(`its shared strings unpack to more than ${mb(cap)} MB; save the sheet as CSV and import that`, 'too-large');
  return refuse(`its part ${part} unpacks to more than ${mb(cap)} MB (or all parts to more than ${mb(MAX_XLSX_TOTAL_BYTES)} MB); save the sheet as CSV and import that`, 'too-large');
}

function refuse(why: string, reason: string): { ok: false; error: AppErrorShape } {
  return { ok: false, error: refusal(why, reason).toJSON() };
}

/** The refusal of a workbook past one of PortDesk's bounds (or not a workbook at all): `why` says which. */
export function refusal(why: string, reason: string): AppError {
  return new AppError('FILE', `This workbook was not read: ${why}.`, { reason });
}
