import type { CountryCode } from 'libphonenumber-js/max';
import { chooseMapping, type ColumnMapping } from './columns';
import { isZip } from './decode';
import { PREVIEW_ROWS } from './limits';
import type { TableInfo, WorkerSource } from './protocol';
import { readSource, type ImportSource, type SourceOptions } from './source';

/** Enough bytes for the first few hundred rows of any sensible spreadsheet export. */
const HEAD_BYTES = 256 * 1024;

/**
 * The first rows of a text source, read in the main process from its first 256 KB while the
 * worker thread is still starting (booting a worker costs up to a second; the specialist should
 * see their rows at once). Workbooks, UTF-16 text and file paths wait for the worker: their
 * head cannot be cut safely or cheaply. `totalRows` is 0: the full count comes from the worker.
 */
export async function earlyPreview(
  source: WorkerSource,
  options: SourceOptions,
  mapping: ColumnMapping | undefined,
  remembered: Record<string, ColumnMapping>,
  country: CountryCode,
  groupBy?: string,
): Promise<TableInfo | undefined> {
  if (source.kind === 'path') return undefined;
  const b = source.kind === 'paste' ? source.utf8 : source.bytes;
  if (source.kind === 'file' && (isZip(b) || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return undefined;
  // Cut after the last complete line: a newline byte never occurs inside a UTF-8 or 8-bit character.
  const end = b.length <= HEAD_BYTES ? b.length : b.lastIndexOf(0x0a, HEAD_BYTES);
  if (end <= 0) return undefined;
  const head: ImportSource = source.kind === 'paste' ? { kind: 'paste', utf8: b.subarray(0, end) } : { kind: 'file', fileName: source.fileName, bytes: b.subarray(0, end) };
  const read = await readSource(head, { ...options, maxBytes: Number.MAX_SAFE_INTEGER });
  if (!read.ok || read.table.rows.length === 0) return undefined;
  const { rows, ...info } = read.table;
  let choice: ReturnType<typeof chooseMapping>;
  try {
    choice = chooseMapping(read.table, mapping, remembered, country, groupBy);
  } catch {
    // A grouping column the file lacks: the worker reports it, as the run's error.
    return undefined;
  }
  const { mapping: chosen, mappingSource, signature } = choice;
  return { ...info, totalRows: 0, preview: rows.slice(0, PREVIEW_ROWS), mapping: chosen, mappingSource, signature };
}
