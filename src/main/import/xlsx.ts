import { AppError, type AppErrorShape } from '../../shared/errors';
import { problem, type ImportProblem, type ReadIssue } from './problems';
import type { SourceRow, SourceTable } from './table';
import { heldHead, type HeaderOptions } from './header';
import { collectResult, STREAM_BATCH_ROWS, type RowSink, type StreamedTable } from './rowSink';
import { refusal, scanWorkbook, unreadableWorkbook, type MergeRange, type SheetFacts } from './xlsxGuard';
import { MAX_XLSX_CELLS } from './limits';
import { columnLetter, sheetRows, type SheetRow } from './xlsxSheet';
import { readWorkbookInfo } from './xlsxBook';

export interface WorkbookOptions extends HeaderOptions {
  /** Sheet to read; the first sheet when omitted. */
  sheet?: string;
}

export type WorkbookResult = { ok: true; table: SourceTable } | { ok: false; error: AppErrorShape };
export type WorkbookStreamResult = { ok: true; table: StreamedTable } | { ok: false; error: AppErrorShape };

/** Read one sheet of a workbook into a plain table (small workbooks, tests): {@link streamWorkbook}, collected. */
export async function parseWorkbook(bytes: Uint8Array, options: WorkbookOptions = {}): Promise<WorkbookResult> {
  return collectResult((sink) => streamWorkbook(bytes, options, sink));
}

/**
 * Read one sheet of an XLSX workbook as a stream of rows delivered to `sink`: the small parts are
 * read whole (xlsxBook.ts), the sheet's XML parsed as it is inflated (xlsxSheet.ts), so a
 * million-row sheet takes the memory of a batch and its shared strings. Formulas give their cached
 * result, merged cells give the master cell's value to every row they span (with a warning, since
 * a merged "Company" cell usually means "same for all these rows" but should be checked), dates
 * become YYYY-MM-DD. The header is chosen among the first rows as for CSV (header.ts). Rows and
 * columns beyond the bounds are refused as they are met: nothing is imported from a refused source.
 */
export async function streamWorkbook(bytes: Uint8Array, options: WorkbookOptions, sink: RowSink): Promise<WorkbookStreamResult> {
  const scan = await scanWorkbook(bytes);
  if (!scan.ok) return scan;
  const { parts } = scan;
  try {
    const book = readWorkbookInfo(parts.texts);
    // The shared strings' XML (up to 32 MB) is not needed once its strings are read.
    parts.texts.clear();
    const present = book.sheets.filter((s) => parts.sheets.has(s.part));
    const sheets = present.map((s) => s.name);
    const sheet = options.sheet === undefined ? present[0] : present.find((s) => s.name === options.sheet);
    if (!sheet) {
      const message = options.sheet === undefined
        ? 'The workbook has no sheets.'
        : `The workbook has no sheet named "${options.sheet}"; its sheets are ${sheets.map((s) => `"${s}"`).join(', ')}.`;
      return { ok: false, error: { code: 'FILE', message, details: { reason: 'no-sheet', sheets } } };
    }
    const table = await readSheet(sheetRows(parts.stream(sheet.part), book), parts.sheets.get(sheet.part)!, options, passing(sink));
    return { ok: true, table: { ...table, sheet: sheet.name, sheets } };
  } catch (err) {
    if (err instanceof SinkFailure) throw err.cause;
    if (err instanceof AppError) return { ok: false, error: err.toJSON() };
    return { ok: false, error: unreadableWorkbook(err instanceof Error ? err.message : String(err)) };
  }
}

/** An error of the sink's own (a row cap, a failed write): passed on, not read as a damaged workbook. */
class SinkFailure {
  constructor(readonly cause: unknown) {}
}

function passing(sink: RowSink): RowSink {
  const pass = (f: () => void) => {
    try {
      f();
    } catch (err) {
      throw new SinkFailure(err);
    }
  };
  return { head: (t) => pass(() => sink.head(t)), rows: (r, read) => pass(() => sink.rows(r, read)) };
}

/** A sheet's rows to `sink`: the first ones held until the header is chosen among them, then in batches. */
async function readSheet(sheet: AsyncIterable<SheetRow[]>, facts: SheetFacts, options: HeaderOptions, sink: RowSink): Promise<Omit<StreamedTable, 'sheet' | 'sheets'>> {
  const head = heldHead<SheetRow>(options, sink, { format: 'xlsx' });
  const merged = mergeFiller(facts.merges);
  let rowsSeen = 0;
  let batch: SourceRow[] = [];
  let read = 0;
  const deliver = () => {
    head.deliver(batch, read);
    batch = [];
  };
  // A broken cell stays with its row: it matters only if its column is imported (plan.ts, analyseRow).
  const take = (r: SheetRow) => {
    head.widen(r.cells.length);
    batch.push(r.issues.length > 0 ? { row: r.row, cells: r.cells, issues: r.issues } : { row: r.row, cells: r.cells });
  };
  /** Choose the header among the held rows; the rows under it are data. */
  const settleHead = () => {
    const data = head.settle();
    for (const r of data) take(r);
    head.problems.push(...merged.warnings(head.header ? head.header.row + 1 : 0, head.headers()));
  };

  for await (const rows of sheet) {
    for (const row of rows) {
      rowsSeen++;
      merged.fill(row);
      read = facts.lastRow > 0 ? Math.min(1, row.row / facts.lastRow) : 0;
      if (rowsSeen * Math.max(head.width, row.cells.length) > MAX_XLSX_CELLS) throw tooManyCells(rowsSeen, Math.max(head.width, row.cells.length));
      if (!row.cells.some((c) => c !== '') && row.issues.length === 0) continue;
      if (head.holding) {
        if (!head.hold(row)) continue;
        settleHead();
      } else {
        take(row);
      }
      if (batch.length >= STREAM_BATCH_ROWS) deliver();
    }
  }
  read = 1;
  // A sheet shorter than the rows the header is looked for among.
  if (head.holding) settleHead();
  deliver();
  return { ...head.shape(), totalRows: head.totalRows };
}

interface MergeFiller {
  /** Give the cells a merged range covers in this row the value of its master (top-left) cell, and its problem if it has one. */
  fill(row: SheetRow): void;
  /** One warning per merged range reaching the data (a merged title above the header is layout). */
  warnings(dataFrom: number, headers: string[]): ImportProblem[];
}

/**
 * Merged ranges, filled as the rows stream by: a master cell is met before the cells it covers
 * (above or left of them), so its text is noted then; only ranges spanning the current row are
 * looked at.
 */
function mergeFiller(ranges: MergeRange[]): MergeFiller {
  const pending = [...ranges].sort((a, b) => a.top - b.top);
  let active: Array<MergeRange & { text: string; issue: ReadIssue | undefined }> = [];
  let next = 0;
  return {
    fill({ row, cells, issues }) {
      if (active.length > 0) active = active.filter((m) => m.bottom >= row);
      for (; next < pending.length && pending[next]!.top <= row; next++) {
        const m = pending[next]!;
        const master = m.top === row;
        if (m.bottom >= row) active.push({ ...m, text: master ? (cells[m.left - 1] ?? '') : '', issue: master ? issues.find((i) => i.col === m.left - 1) : undefined });
      }
      for (const m of active) {
        for (let col = m.left; col <= m.right; col++) {
          if (row === m.top && col === m.left) continue;
          cells[col - 1] = m.text;
          // A broken master leaves every cell it spans without a value, not with an empty one.
          if (m.issue) issues.push({ ...m.issue, col: col - 1, cell: `${columnLetter(col)}${row}` });
        }
      }
      for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    },
    warnings(dataFrom, headers) {
      return ranges
        .filter((m) => m.bottom >= dataFrom)
        .map((m) => {
          const master = `${columnLetter(m.left)}${m.top}`;
          const column = m.left === m.right ? (headers[m.left - 1] ?? null) : null;
          return problem(m.top, column, 'warning', 'cell-merged', `Cells ${master}:${columnLetter(m.right)}${m.bottom} are merged; every row they span gets the value of ${master}`);
        });
    },
  };
}

function tooManyCells(rows: number, width: number): AppError {
  return refusal(`its ${rows.toLocaleString('en-US')} rows by ${width} columns pass the ${MAX_XLSX_CELLS.toLocaleString('en-US')} cells PortDesk reads (delete unused columns, or save it as CSV)`, 'too-many-cells');
}
