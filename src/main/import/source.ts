import type { AppErrorShape } from '../../shared/errors';
import { decodeText, checkFileSize, isZip } from './decode';
import { parseDelimited } from './csv';
import { parsePaste } from './paste';
import { problem } from './problems';
import type { SourceTable } from './table';
import { MAX_IMPORT_BYTES } from './limits';

/** What to read: the bytes of a file (with its name, for the format) or pasted text. */
export type ImportSource =
  | { kind: 'file'; bytes: Uint8Array; fileName: string }
  | { kind: 'paste'; text: string };

export interface SourceOptions {
  sheet?: string;
  delimiter?: string;
  hasHeader?: boolean;
  /** Injected for tests; defaults to {@link MAX_IMPORT_BYTES}. */
  maxBytes?: number;
}

export type SourceResult = { ok: true; table: SourceTable } | { ok: false; error: AppErrorShape };

/**
 * Read any supported source into a {@link SourceTable}. The format comes from the content
 * (a ZIP container is a workbook whatever its name), so a workbook renamed .csv still works.
 */
export async function readSource(source: ImportSource, options: SourceOptions = {}): Promise<SourceResult> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  let result: SourceResult;
  if (source.kind === 'paste') {
    if (source.text.trim() === '') return { ok: false, error: { code: 'VALIDATION', message: 'Nothing was pasted.' } };
    result = { ok: true, table: parsePaste(source.text) };
  } else {
    const sizeError = checkFileSize(source.bytes.length, maxBytes);
    if (sizeError) return { ok: false, error: sizeError };
    if (isZip(source.bytes)) {
      // exceljs takes about a second to load; only workbooks pay for it.
      const { parseWorkbook } = await import('./xlsx');
      result = await parseWorkbook(source.bytes, pick(options, ['sheet', 'hasHeader']));
    } else if (/\.xlsx$/i.test(source.fileName)) {
      return { ok: false, error: { code: 'FILE', message: `"${source.fileName}" is named .xlsx but is not an Excel workbook.`, details: { reason: 'unreadable' } } };
    } else {
      const decoded = decodeText(source.bytes, maxBytes);
      if (!decoded.ok) return decoded;
      const table = parseDelimited(decoded.text, pick(options, ['delimiter', 'hasHeader']));
      result = { ok: true, table: { ...table, encoding: decoded.encoding } };
    }
  }
  if (result.ok && result.table.rows.length === 0) {
    const what = result.table.hasHeader ? 'has a header row but no data rows' : 'contains no phone numbers or rows';
    result.table.problems.push(problem(0, null, 'error', 'no-rows', `The ${source.kind === 'paste' ? 'pasted text' : 'file'} ${what}.`));
  }
  return result;
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
