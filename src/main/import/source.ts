import type { AppErrorShape } from '../../shared/errors';
import { countLines, decodeTextPieces, checkFileSize, isBlank, isZip, utf8Pieces, type TextPieces } from './decode';
import { streamDelimited, stringPieces } from './csv';
import { streamPaste } from './paste';
import { collectResult, type RowSink, type StreamedTable } from './rowSink';
import { problem } from './problems';
import type { SourceTable } from './table';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './limits';
import { AppError } from '../../shared/errors';

/** Pasted text, or its UTF-8 bytes (how main hands it to the worker: never one string there). */
export type PasteSource = { kind: 'paste'; text: string } | { kind: 'paste'; utf8: Uint8Array };

/** What to read: the bytes of a file (with its name, for the format) or pasted text. */
export type ImportSource = { kind: 'file'; bytes: Uint8Array; fileName: string } | PasteSource;

export interface SourceOptions {
  sheet?: string;
  delimiter?: string;
  hasHeader?: boolean;
  /** The header row the specialist picked (row number as the spreadsheet shows it). */
  headerRow?: number;
  /** Injected for tests; defaults to {@link MAX_IMPORT_BYTES}. */
  maxBytes?: number;
}

export type SourceResult = { ok: true; table: SourceTable } | { ok: false; error: AppErrorShape };

/**
 * Read any supported source into a {@link SourceTable}. The format comes from the content
 * (a ZIP container is a workbook whatever its name), so a workbook renamed .csv still works.
 */
export async function readSource(source: ImportSource, options: SourceOptions = {}): Promise<SourceResult> {
  return collectResult((sink) => streamSource(source, options, sink));
}

export type StreamResult = { ok: true; table: StreamedTable } | { ok: false; error: AppErrorShape };

/**
 * {@link readSource} delivering the rows to `sink` as they are read. Text (CSV, TSV, paste) is
 * parsed in chunks, a workbook's sheet streamed by exceljs: neither is ever held as rows.
 */
export async function streamSource(source: ImportSource, options: SourceOptions, sink: RowSink): Promise<StreamResult> {
  try {
    return await streamBounded(source, options, rowCapped(sink, source.kind === 'paste' ? 'pasted text' : 'file'));
  } catch (err) {
    if (err instanceof AppError && err.details?.reason === 'too-many-rows') return { ok: false, error: err.toJSON() };
    throw err;
  }
}

/** The sink, refusing the rows past {@link MAX_IMPORT_ROWS} (a line may hold several pasted numbers). */
function rowCapped(sink: RowSink, what: string): RowSink {
  let rows = 0;
  return {
    head: (t) => sink.head(t),
    rows: (batch, read) => {
      rows += batch.length;
      if (rows > MAX_IMPORT_ROWS) throw tooManyRows(`The ${what} holds more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows`);
      sink.rows(batch, read);
    },
  };
}

function tooManyRows(what: string): AppError {
  return new AppError('VALIDATION', `${what}; PortDesk imports at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows at a time (Excel's own limit). Split it into smaller files.`, {
    reason: 'too-many-rows',
    limit: MAX_IMPORT_ROWS,
  });
}

/** The pieces of a pasted text, from its start at each call. */
export function pastePieces(source: PasteSource): () => TextPieces {
  return 'text' in source ? () => stringPieces(source.text) : utf8Pieces(source.utf8);
}

/** Refuse text of more lines than rows may be imported, before any of it is parsed (throws). `what`: "pasted text", "file "x.csv"". */
export function checkLines(text: TextPieces, what: string): void {
  if (countLines(text, MAX_IMPORT_ROWS) > MAX_IMPORT_ROWS) throw tooManyRows(`The ${what} has more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} lines`);
}

async function streamBounded(source: ImportSource, options: SourceOptions, sink: RowSink): Promise<StreamResult> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  let table: StreamedTable;
  if (source.kind === 'paste') {
    const text = pastePieces(source);
    if (isBlank(text())) return { ok: false, error: { code: 'VALIDATION', message: 'Nothing was pasted.' } };
    checkLines(text(), 'pasted text');
    table = streamPaste(text, sink, pick(options, ['hasHeader', 'headerRow']));
  } else {
    const sizeError = checkFileSize(source.bytes.length, maxBytes);
    if (sizeError) return { ok: false, error: sizeError };
    if (isZip(source.bytes)) {
      // exceljs takes a while to load; only workbooks pay for it.
      const { streamWorkbook } = await import('./xlsx');
      const read = await streamWorkbook(source.bytes, pick(options, ['sheet', 'hasHeader', 'headerRow']), sink);
      if (!read.ok) return read;
      table = read.table;
    } else if (/\.xlsx$/i.test(source.fileName)) {
      return { ok: false, error: { code: 'FILE', message: `"${source.fileName}" is named .xlsx but is not an Excel workbook.`, details: { reason: 'unreadable' } } };
    } else {
      // Decoded a piece at a time: the text is never one string (twice the file's size as UTF-16).
      const decoded = decodeTextPieces(source.bytes, maxBytes);
      if (!decoded.ok) return decoded;
      checkLines(decoded.pieces(), `file "${source.fileName.split(/[\\/]/).pop()}"`);
      const headWithEncoding: RowSink = { head: (t) => sink.head({ ...t, encoding: decoded.encoding }), rows: (r, read) => sink.rows(r, read) };
      table = { ...streamDelimited(decoded.pieces(), pick(options, ['delimiter', 'hasHeader', 'headerRow']), headWithEncoding), encoding: decoded.encoding };
    }
  }
  if (table.totalRows === 0) {
    const what = table.hasHeader ? 'has a header row but no data rows' : 'contains no phone numbers or rows';
    table.problems.push(problem(0, null, 'error', 'no-rows', `The ${source.kind === 'paste' ? 'pasted text' : 'file'} ${what}.`));
  }
  return { ok: true, table };
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
